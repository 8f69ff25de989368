package org.pdxhub.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.pdxhub.hub.cluster.EmbeddedCluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Catalog look-ups as the gate does them on every message ({@code CatalogReplica.get}: the
 * IMap {@code pdx.catalog}, the spec as JSON text), on a two-member cluster in this JVM started
 * with the near cache the node ships ({@link EmbeddedCluster.CatalogNearCache}), against the same
 * look-up on a map without one; how long a change on one member takes to be seen on the other;
 * and a grant look-up as {@code Grants.bestFor} does it today, an SQL query on the store (H2 in
 * this JVM, with the node's index), since grants are not in the cluster. Sample time, so that
 * p99 and p99.9 come out.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CatalogLookupBenchmark {

    private static final int RESOURCES = 64;
    private static final String PLAIN = "pdx.catalog.without-near-cache";

    private HazelcastInstance writer;
    private HazelcastInstance reader;
    private IMap<String, String> cached;
    private IMap<String, String> plain;
    private IMap<String, String> writerView;
    private String[] codes;
    private int next;
    private long version;
    private Connection store;
    private PreparedStatement grantQuery;
    private String[] holders;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        writer = Hazelcast.newHazelcastInstance(member(5901));
        reader = Hazelcast.newHazelcastInstance(member(5902));
        if (reader.getCluster().getMembers().size() != 2) {
            throw new IllegalStateException("the two members did not form one cluster");
        }
        writerView = writer.getMap(EmbeddedCluster.CatalogNearCache.MAP);
        IMap<String, String> writerPlain = writer.getMap(PLAIN);
        codes = new String[RESOURCES];
        for (int i = 0; i < RESOURCES; i++) {
            codes[i] = String.format("GZ-BENCH-%03d", i);
            String spec = spec(codes[i], 1);
            writerView.set(codes[i], spec);
            writerPlain.set(codes[i], spec);
        }
        cached = reader.getMap(EmbeddedCluster.CatalogNearCache.MAP);
        plain = reader.getMap(PLAIN);
        for (String code : codes) {
            cached.get(code); // fills the near cache
        }

        store = DriverManager.getConnection("jdbc:h2:mem:grants;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "pdx", "pdx");
        try (Statement s = store.createStatement()) {
            // grant_record much as migration V3 creates it (no foreign key, fewer columns), with its index.
            s.execute("create table grant_record (id varchar(64) primary key, holder_uscc varchar(18) not null,"
                    + " resource_code varchar(64) not null, fields varchar(4000), purpose varchar(1000), source_kind varchar(32) not null,"
                    + " source_id varchar(64), valid_from timestamp with time zone, valid_to timestamp with time zone,"
                    + " created_at timestamp with time zone not null, revoked_at timestamp with time zone, revoked_by varchar(200),"
                    + " expired_handled_at timestamp with time zone)");
            s.execute("create index grant_holder_resource on grant_record (holder_uscc, resource_code)");
        }
        holders = new String[RESOURCES];
        try (PreparedStatement insert = store.prepareStatement("insert into grant_record (id, holder_uscc, resource_code, fields, purpose,"
                + " source_kind, source_id, valid_from, valid_to, created_at) values (?,?,?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < RESOURCES * 20; i++) {
                holders[i % RESOURCES] = String.format("11513300MB%07d%s", i % RESOURCES, "X");
                insert.setString(1, "grant-" + i);
                insert.setString(2, holders[i % RESOURCES]);
                insert.setString(3, codes[i / RESOURCES % RESOURCES]);
                insert.setString(4, "citizen_id,name,birth_date");
                insert.setString(5, "社保资格核验");
                insert.setString(6, "SHARE_REQUEST");
                insert.setString(7, "req-" + i);
                insert.setObject(8, java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
                insert.setObject(9, java.time.OffsetDateTime.parse("2027-01-01T00:00:00Z"));
                insert.setObject(10, java.time.OffsetDateTime.now());
                insert.executeUpdate();
            }
        }
        grantQuery = store.prepareStatement("select * from grant_record where holder_uscc = ? and resource_code = ?"
                + " and source_kind <> 'OPEN_APPLICATION'");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        reader.shutdown();
        writer.shutdown();
        store.close();
    }

    /** The node's member configuration, as EmbeddedCluster builds it, on loopback with the two ports as members. */
    private static Config member(int port) {
        Config config = new Config().setClusterName("bench-" + ProcessHandle.current().pid())
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.logging.type", "none");
        config.getJetConfig().setEnabled(false);
        EmbeddedCluster.CatalogNearCache.apply(config);
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:5901").addMember("127.0.0.1:5902");
        return config;
    }

    private static String spec(String code, long version) {
        return "{\"code\":\"" + code + "\",\"version\":" + version + ",\"providerUscc\":\"11513300MB0000002H\",\"shareType\":\"CONDITIONAL\","
                + "\"openType\":\"NONE\",\"keyField\":\"citizen_id\",\"fields\":[{\"name\":\"citizen_id\",\"type\":\"STRING\",\"personal\":true,"
                + "\"sensitivity\":4,\"identifierKind\":\"citizen-id\",\"maskingRule\":\"pseudonym(sm3)\"}]}";
    }

    private String nextCode() {
        return codes[next++ & (RESOURCES - 1)];
    }

    /** What the gate does per message: the spec's JSON from the member's near cache. */
    @Benchmark
    public String catalogNearCache() {
        return cached.get(nextCode());
    }

    /** The same without a near cache: half the codes are owned by the other member, a network round trip. */
    @Benchmark
    public String catalogWithoutNearCache() {
        return plain.get(nextCode());
    }

    /**
     * A publication on one member until the other member's near-cached read sees it: the
     * invalidation's travel, then a read that misses and fetches.
     */
    @Benchmark
    public String catalogChangeSeenOnOtherMember() {
        String code = nextCode();
        String changed = spec(code, ++version);
        writerView.set(code, changed);
        String seen;
        while (!changed.equals(seen = cached.get(code))) {
            Thread.onSpinWait();
        }
        return seen;
    }

    /** Grants.bestFor's query on the store (H2 in this JVM; the node adds a pooled connection and a transaction). */
    @Benchmark
    public int grantFromStore() throws Exception {
        int i = next++ & (RESOURCES - 1);
        grantQuery.setString(1, holders[i]);
        grantQuery.setString(2, codes[(i * 7) & (RESOURCES - 1)]);
        int n = 0;
        try (ResultSet rs = grantQuery.executeQuery()) {
            while (rs.next()) {
                n += rs.getString("id").length();
                rs.getObject("valid_to", java.time.OffsetDateTime.class);
            }
        }
        return n;
    }
}
