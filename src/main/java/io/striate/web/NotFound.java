package io.striate.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/** The page's own "not found" (404, a plain sentence, never a stack trace). */
final class NotFound {
  private NotFound() {
  }

  static String page(HttpServletResponse response, Model model, String title, String message) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("title", title);
    model.addAttribute("message", message);
    return "notfound";
  }
}
