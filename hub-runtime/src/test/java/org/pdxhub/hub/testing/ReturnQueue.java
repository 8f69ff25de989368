package org.pdxhub.hub.testing;

import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Delivery;
import org.apache.qpid.protonj2.client.Receiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** An organisation's return address as its own system reads it: a real AMQP 1.0 client, logged in as that organisation. */
public final class ReturnQueue {

    /** Takes messages from {@code pdx.return.{organisation}} until the one with {@code messageId} comes; answers its body. */
    public static String receive(int amqpPort, String organisation, String systemKey, String messageId, Duration within) throws Exception {
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(organisation).password(systemKey));
             Receiver receiver = connection.openReceiver("pdx.return." + organisation)) {
            long end = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < end) {
                Delivery d = receiver.receive(1, TimeUnit.SECONDS);
                if (d == null) {
                    continue;
                }
                d.accept();
                var m = d.message();
                if (messageId.equals(m.property("PdxMessageId"))) {
                    Object body = m.body();
                    return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
                }
            }
        }
        throw new AssertionError("return " + messageId + " did not reach pdx.return." + organisation + " within " + within);
    }

    private ReturnQueue() {
    }
}
