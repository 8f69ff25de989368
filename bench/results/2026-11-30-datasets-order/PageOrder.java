import java.sql.*;
public class PageOrder {
  public static void main(String[] a) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:x;MODE=PostgreSQL")) {
      Statement s = c.createStatement();
      s.execute("create table dataset_record (resource_code varchar(64) not null, record_key varchar(200) not null, payload text not null, primary key (resource_code, record_key))");
      s.execute("insert into dataset_record select 'R' || mod(x,3), 'K' || lpad(x, 9, '0'), repeat('x', 200) from system_range(1, 1500000)");
      String[] q = {"select payload from dataset_record where resource_code = ? order by record_key limit 500 offset ?",
                    "select payload from dataset_record where resource_code = ? order by resource_code, record_key limit 500 offset ?"};
      for (int round = 0; round < 3; round++) for (String sql : q) {
        long t = System.nanoTime(); int n = 0;
        try (PreparedStatement p = c.prepareStatement(sql)) { p.setString(1, "R1"); p.setInt(2, 1000 + round * 700 + (sql.contains("resource_code, record_key") ? 1 : 0)); try (ResultSet rs = p.executeQuery()) { while (rs.next()) n++; } }
        System.out.printf("%6.1f ms  %d rows  %s%n", (System.nanoTime() - t) / 1e6, n, sql.contains("resource_code, record_key") ? "order by resource_code, record_key" : "order by record_key");
      }
    }
  }
}
