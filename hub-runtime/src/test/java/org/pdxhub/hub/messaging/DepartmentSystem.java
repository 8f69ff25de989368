package org.pdxhub.hub.messaging;

import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Sender;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A department system as the tests play it: real AMQP 1.0 and CORE clients on the node's acceptors. */
final class DepartmentSystem {

    static final String PSB = "11513300MB0000002H";
    static final String MARKET = "11513300MB0000003L";
    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PSB_SYSTEM_KEY = "demo-system";

    /** Connects over AMQP 1.0 and waits for the broker's answer, so a refused login fails here. */
    static Connection amqp(Client client, int port, String user, String password) throws Exception {
        Connection connection = client.connect("127.0.0.1", port, new ConnectionOptions().user(user).password(password));
        connection.openFuture().get(10, TimeUnit.SECONDS);
        return connection;
    }

    /** One record as JSON, with the headers a sender gives. */
    static Message<String> record(String citizenId, String name, String messageId) {
        Message<String> m = Message.create("[{\"citizen_id\":\"" + citizenId + "\",\"person_name\":\"" + name + "\"}]");
        try {
            m.property("PdxPerson", "公安局人口系统");
            m.property("PdxPurpose", "人口基础信息汇聚");
            m.property("PdxMessageId", messageId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    static void send(Sender sender, Message<String> m) throws Exception {
        sender.send(m).awaitSettlement(10, TimeUnit.SECONDS);
    }

    /** The public security bureau's system sends each message to the population queue, in order, on one connection. */
    @SafeVarargs
    static void sendAsPsb(int port, Message<String>... messages) throws Exception {
        sendAsPsb(port, List.of(messages));
    }

    static void sendAsPsb(int port, List<Message<String>> messages) throws Exception {
        try (Client client = Client.create();
             Connection connection = amqp(client, port, PSB, PSB_SYSTEM_KEY);
             Sender sender = connection.openSender("pdx.in." + POPULATION)) {
            for (Message<String> m : messages) {
                send(sender, m);
            }
        }
    }

    static Map<String, Object> headers(String messageId) {
        return Map.of("PdxPerson", "公安局人口系统", "PdxPurpose", "人口基础信息汇聚", "PdxMessageId", messageId);
    }

    /** A citizen ID with a valid check character (GB 11643), Kangding, born 1990-2009, from a serial. */
    static String citizenId(int serial) {
        String body = "513301" + (1990 + serial % 20) + "0101" + String.format("%03d", serial % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** The messages of a throwable and its causes, for asserting what the client was told. */
    static String told(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private DepartmentSystem() {
    }
}
