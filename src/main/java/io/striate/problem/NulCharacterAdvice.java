package io.striate.problem;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Refuses a NUL character (U+0000) anywhere in a request body or a multipart text part with 400
 * {@code nul-character} and the JSON pointer of the value, before any of it reaches PostgreSQL (whose text type
 * cannot hold 0x00). Walks records, collections, maps, strings and JSON trees.
 */
@ControllerAdvice
class NulCharacterAdvice extends RequestBodyAdviceAdapter {
  private static final int MAX_DEPTH = 64;

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
                          Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                              Class<? extends HttpMessageConverter<?>> converterType) {
    RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
    String root = part == null ? "" : !part.name().isEmpty() ? part.name() : part.value();
    if (body instanceof String text && part != null && text.indexOf('\0') < 0 && text.contains("\\u0000")) {
      // a JSON document in a text part: the escape is decoded only when the part is parsed
      String at = pointerOfEscapedNul(text);
      if (at != null) {
        throw nul(root + at);
      }
    }
    String at = find(body, root, 0);
    if (at != null) {
      throw nul(at);
    }
    return body;
  }

  private static ProblemException nul(String field) {
    return new ProblemException(ProblemStatus.BAD_REQUEST, "nul-character", "The value at '" + field + "' contains a NUL "
        + "character (U+0000)", field, "Remove NUL characters from text; they cannot be stored");
  }

  /** The pointer of the first value holding a NUL, or null. */
  static String find(Object value, String pointer, int depth) {
    if (value == null || depth > MAX_DEPTH) {
      return null;
    }
    if (value instanceof String s) {
      return s.indexOf('\0') >= 0 ? pointer : null;
    }
    if (value instanceof JsonNode node) {
      return findInJson(node, pointer, depth);
    }
    if (value instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        String at = find(item, pointer + "/" + i++, depth + 1);
        if (at != null) return at;
      }
      return null;
    }
    if (value instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (key.indexOf('\0') >= 0) return pointer + "/" + escape(key);
        String at = find(e.getValue(), pointer + "/" + escape(key), depth + 1);
        if (at != null) return at;
      }
      return null;
    }
    if (value.getClass().isRecord()) {
      for (RecordComponent rc : value.getClass().getRecordComponents()) {
        try {
          var accessor = rc.getAccessor();
          accessor.setAccessible(true);
          String at = find(accessor.invoke(value), pointer + "/" + rc.getName(), depth + 1);
          if (at != null) return at;
        } catch (ReflectiveOperationException | RuntimeException e) {
          // not readable: nothing to check
        }
      }
    }
    return null;
  }

  private static String findInJson(JsonNode node, String pointer, int depth) {
    if (depth > MAX_DEPTH) return null;
    if (node.isString()) {
      return node.asString().indexOf('\0') >= 0 ? pointer : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String at = findInJson(node.get(i), pointer + "/" + i, depth + 1);
        if (at != null) return at;
      }
    } else if (node.isObject()) {
      for (var e : node.properties()) {
        if (e.getKey().indexOf('\0') >= 0) return pointer + "/" + escape(e.getKey());
        String at = findInJson(e.getValue(), pointer + "/" + escape(e.getKey()), depth + 1);
        if (at != null) return at;
      }
    }
    return null;
  }

  /** For a text part holding JSON with {@code \u0000}: the pointer of that value, or null. */
  private static String pointerOfEscapedNul(String text) {
    try {
      return findInJson(tools.jackson.databind.json.JsonMapper.builder().build().readTree(text), "", 0);
    } catch (RuntimeException e) {
      return null; // not JSON: the endpoint reports that itself
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
