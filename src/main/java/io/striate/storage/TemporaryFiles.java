package io.striate.storage;

import io.striate.config.StriateProperties;
import jakarta.servlet.MultipartConfigElement;
import java.nio.file.Path;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Temporary files of requests live in the storage directory's own folder, {@code <storage>/tmp/<instance>/}, not in
 * the system's {@code /tmp}: multipart parts spooled by the servlet container ({@code multipart/}) and spools of
 * responses. They are on the disk the operator sized for uploads, and a process killed mid-upload leaves them where
 * the next start sweeps them ({@link ScratchDirectory}).
 */
@Configuration(proxyBeanMethods = false)
public class TemporaryFiles {
  private final ScratchDirectory scratch;

  TemporaryFiles(StriateProperties properties) {
    this.scratch = ScratchDirectory.claim(properties.storage().dir().toAbsolutePath().resolve("tmp"));
  }

  /** A folder for this process's temporary files (created when missing). */
  public Path folder(String name) {
    return scratch.folder(name);
  }

  /** The servlet container spools multipart parts beyond the in-memory threshold into {@code multipart/}. */
  @Bean
  MultipartConfigElement multipartConfigElement(MultipartProperties multipart) {
    multipart.setLocation(scratch.folder("multipart").toString());
    return multipart.createMultipartConfig();
  }

  @jakarta.annotation.PreDestroy
  void close() {
    scratch.close();
  }
}
