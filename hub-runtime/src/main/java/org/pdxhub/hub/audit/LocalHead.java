package org.pdxhub.hub.audit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.node.HubConfig;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The last head this node signed, in a file of the data folder rather than the store: a writer of
 * the store (a PostgreSQL account, a restored dump) can roll the store back but cannot roll this
 * back, nor forge it without the key. Someone who can write the node's files can put an older
 * signed copy back; the parent's witness covers that.
 */
@Singleton
public class LocalHead {

    /** What reading the file found. */
    public record Read(Optional<SignedHead> head, String problem) {
    }

    @Inject
    HubConfig hub;

    @Inject
    UsageLogKeys keys;

    public Path file() {
        return hub.dataDir().resolve("usage-log").resolve("signed-head.properties");
    }

    /** The signed head, checked: a file whose MAC fails is a problem, not a head. */
    public Read read() {
        Path f = file();
        if (!Files.exists(f)) {
            return new Read(Optional.empty(), null);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(f, StandardCharsets.UTF_8)));
            SignedHead h = new SignedHead(p.getProperty("node"), Long.parseLong(p.getProperty("seq")), p.getProperty("hash"),
                    Instant.parse(p.getProperty("at")), p.getProperty("seal"), p.getProperty("mac"));
            Optional<Seal> seal = keys.bySealId(h.sealId());
            if (seal.isEmpty()) {
                return new Read(Optional.empty(), "the signed head in " + f + " names seal " + h.sealId() + ", whose key is not configured");
            }
            if (!Seal.same(seal.get().seal(h.text()), h.mac())) {
                return new Read(Optional.empty(), "the signed head in " + f + " was changed: its MAC does not match");
            }
            return new Read(Optional.of(h), null);
        } catch (IOException | RuntimeException e) {
            return new Read(Optional.empty(), "the signed head in " + f + " cannot be read: " + e.getMessage());
        }
    }

    /** Replaces the file at once (write, sync, rename), so a crash leaves the old head or the new one. */
    public void write(SignedHead h) {
        Path f = file();
        String text = "# The usage log's head as this node signed it. Do not edit: the MAC would fail.\n"
                + "node=" + h.nodeId() + "\nseq=" + h.seq() + "\nhash=" + h.hash() + "\nat=" + h.at()
                + "\nseal=" + h.sealId() + "\nmac=" + h.mac() + "\n";
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the signed head could not be written to " + f, e);
        }
    }
}
