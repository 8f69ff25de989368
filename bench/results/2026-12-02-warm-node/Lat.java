import org.apache.qpid.protonj2.client.*;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** java Lat.java PORT PREFIX COUNT GAP_MS: one message at a time, each waited for until the broker settles it; prints id, sent and settled (epoch µs). */
public class Lat {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]), count = Integer.parseInt(a[2]), gap = Integer.parseInt(a[3]);
        try (Client client = Client.create();
             Connection c = client.connect("127.0.0.1", port, new ConnectionOptions().user("11513300MB0000002H").password("demo-system"));
             Sender s = c.openSender("pdx.in.GZ-PSB-POP-001")) {
            for (int n = 0; n < count; n++) {
                Message<String> m = Message.create("[{\"citizen_id\":\"" + SendId.id(n) + "\",\"person_name\":\"延迟" + n + "\"}]");
                m.property("PdxPerson", "bench").property("PdxPurpose", "latency").property("PdxMessageId", a[1] + String.format("%06d", n));
                m.durable(true);
                long t0 = micros();
                s.send(m).awaitSettlement(10, TimeUnit.SECONDS);
                long t1 = micros();
                System.out.println(a[1] + String.format("%06d", n) + " " + t0 + " " + t1);
                Thread.sleep(gap);
            }
        }
    }
    static long micros() { Instant i = Instant.now(); return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000; }
}
class SendId {
    static String id(int serial) {
        String body = "513301" + (1950 + serial / 10000 % 50) + String.format("%02d%02d", 1 + serial / 1000 % 10, 1 + serial / 100 % 10) + String.format("%03d", serial % 100);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (body.charAt(i) - '0') * w[i];
        return body + "10X98765432".charAt(sum % 11);
    }
}
