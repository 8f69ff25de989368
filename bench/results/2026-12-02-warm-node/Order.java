import org.apache.qpid.protonj2.client.*;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** java Order.java PORT PREFIX COUNT MAXGAP_US: COUNT single-record messages on one link, in order, a random gap of 0..MAXGAP µs between sends. */
public class Order {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]), count = Integer.parseInt(a[2]), gap = Integer.parseInt(a[3]);
        try (Client client = Client.create();
             Connection c = client.connect("127.0.0.1", port, new ConnectionOptions().user("11513300MB0000002H").password("demo-system"));
             Sender s = c.openSender("pdx.in.GZ-PSB-POP-001")) {
            Tracker last = null;
            for (int n = 0; n < count; n++) {
                Message<String> m = Message.create("[{\"citizen_id\":\"" + Id.id(n) + "\",\"person_name\":\"序" + n + "\"}]");
                m.property("PdxPerson", "bench").property("PdxPurpose", "order").property("PdxMessageId", a[1] + String.format("%06d", n));
                m.durable(true);
                last = s.send(m);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(gap + 1) * 1000L);
            }
            last.awaitSettlement(30, TimeUnit.SECONDS);
        }
        System.out.println("sent " + count);
    }
}
class Id {
    static String id(int serial) {
        String body = "513301" + (1950 + serial / 10000 % 50) + String.format("%02d%02d", 1 + serial / 1000 % 10, 1 + serial / 100 % 10) + String.format("%03d", serial % 100);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (body.charAt(i) - '0') * w[i];
        return body + "10X98765432".charAt(sum % 11);
    }
}
