package io.striate.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a socket that sends exactly the bytes it is given (malformed percent-encoding,
 * control characters in headers, wildcard media types), which {@code java.net.http} refuses to send. One request
 * per connection; answers the status code, or -1 when the server did not answer within the timeout (a hang).
 */
final class RawHttp {
  private RawHttp() {
  }

  static int send(int port, String method, String path, Map<String, String> headers, byte[] body, int timeoutMillis)
      throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(timeoutMillis);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      for (var h : headers.entrySet()) {
        head.writeBytes((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      if (body != null) {
        head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      out.write(head.toByteArray());
      if (body != null) out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder status = new StringBuilder();
      for (int c; (c = in.read()) != -1 && c != '\n'; ) status.append((char) c);
      // drain the rest so the server is not blocked writing, bounded by the same timeout
      byte[] sink = new byte[8192];
      while (in.read(sink) != -1) {
        // discard
      }
      String[] parts = status.toString().split(" ");
      return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    } catch (SocketTimeoutException e) {
      return -1;
    }
  }
}
