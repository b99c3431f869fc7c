package io.striate.account;

import io.striate.config.StriateProperties;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure an administrator can get in: registers {@code STRIATE_ADMIN_TOKEN} when set, otherwise issues an
 * admin token at the first start (no admin yet) and prints it once to the log.
 */
@Component
class AdminBootstrap implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
  private final TokenService tokens;
  private final StriateProperties properties;

  AdminBootstrap(TokenService tokens, StriateProperties properties) {
    this.tokens = tokens;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.isApi()) {
      return; // workers never mint or print tokens; the API process does
    }
    String configured = properties.adminToken();
    if (StringUtils.hasText(configured)) {
      if (!tokens.knows(configured)) {
        tokens.register("admin", "bootstrap (STRIATE_ADMIN_TOKEN)", EnumSet.of(Scope.ADMIN, Scope.SUBMIT), configured);
        log.info("Registered the admin token given in STRIATE_ADMIN_TOKEN");
      }
      return;
    }
    if (!tokens.anyAdminExists()) {
      var issued = tokens.issue("admin", "bootstrap", EnumSet.of(Scope.ADMIN, Scope.SUBMIT));
      log.warn("""

          ================================================================
           First start: an admin token was created. It is shown only once.
             {}
           Use it as 'Authorization: Bearer <token>'.
          ================================================================""", issued.secret());
    }
  }
}
