package io.striate.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Honours {@code striate.roles}: a process without the {@code api} role (a scoring worker) serves only actuator
 * (health probes and metrics) and answers 404 to everything else — the REST API, the pages, the static files.
 * Which beans run is decided where they live: the admin bootstrap only with {@code api}, the job claimers only with
 * {@code worker}.
 */
@Configuration(proxyBeanMethods = false)
class WorkerRoleConfiguration {
  static final String ACTUATOR = "/actuator";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> apiRoleFilter(StriateProperties properties) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new ActuatorOnly());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setEnabled(!properties.isApi());
    return registration;
  }

  /** Lets actuator requests through and answers every other request with a 404 problem. */
  static final class ActuatorOnly extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      if (path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/")) {
        chain.doFilter(request, response);
        return;
      }
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getWriter().write("""
          {"type":"https://striate.io/problems/not-served-here","title":"Not Found","status":404,\
          "code":"not-served-here","detail":"This process runs only the worker role; it serves /actuator only.",\
          "hint":"Send API requests to a process with STRIATE_ROLES=api (or api,worker)."}""");
    }
  }
}
