package org.pdxhub.bench;

import cn.hutool.core.util.CreditCodeUtil;
import cn.hutool.core.util.IdcardUtil;
import cn.hutool.core.util.PhoneUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugins.identifiers.BankCardCheck;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;
import org.pdxhub.plugins.identifiers.MobileCheck;
import org.pdxhub.plugins.identifiers.UsccCheck;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One identifier checked per operation, valid ones from the pool (the common case at the gate):
 * our checks against hutool's where hutool has one. hutool's answer is a boolean; ours is the
 * reason or none, as the gate asks for it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IdentifierCheckBenchmark {

    private static final int MASK = StandardRecords.POOL_SIZE - 1;

    private StandardRecords pool;
    private int cursor;
    private final IdentifierCheck citizenId = new CitizenIdCheck();
    private final IdentifierCheck uscc = new UsccCheck();
    private final IdentifierCheck mobile = new MobileCheck();
    private final IdentifierCheck bankCard = new BankCardCheck();

    @Setup
    public void setUp() {
        pool = StandardRecords.generate(StandardRecords.POOL_SIZE, 11);
        for (int i = 0; i < StandardRecords.POOL_SIZE; i++) {
            valid(IdcardUtil.isValidCard18(pool.citizenIds[i]) && citizenId.isValid(pool.citizenIds[i]), "citizen ID");
            valid(CreditCodeUtil.isCreditCode(pool.usccs[i]) && uscc.isValid(pool.usccs[i]), "USCC");
            valid(PhoneUtil.isMobile(pool.mobiles[i]) && mobile.isValid(pool.mobiles[i]), "mobile");
            valid(bankCard.isValid(pool.bankCards[i]), "bank card");
        }
    }

    private static void valid(boolean valid, String what) {
        if (!valid) {
            throw new IllegalStateException("the pool holds a " + what + " that a check refuses: fix the generator");
        }
    }

    @Benchmark
    public boolean citizenIdHutool() {
        return IdcardUtil.isValidCard18(pool.citizenIds[cursor++ & MASK]);
    }

    @Benchmark
    public Optional<String> citizenIdPdx() {
        return citizenId.problem(pool.citizenIds[cursor++ & MASK]);
    }

    @Benchmark
    public boolean usccHutool() {
        return CreditCodeUtil.isCreditCode(pool.usccs[cursor++ & MASK]);
    }

    @Benchmark
    public Optional<String> usccPdx() {
        return uscc.problem(pool.usccs[cursor++ & MASK]);
    }

    @Benchmark
    public boolean mobileHutool() {
        return PhoneUtil.isMobile(pool.mobiles[cursor++ & MASK]);
    }

    @Benchmark
    public Optional<String> mobilePdx() {
        return mobile.problem(pool.mobiles[cursor++ & MASK]);
    }

    @Benchmark
    public Optional<String> bankCardPdx() {
        return bankCard.problem(pool.bankCards[cursor++ & MASK]);
    }
}
