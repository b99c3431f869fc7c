package io.striate.web;

import io.striate.benchmark.ScoreTree;

/** Short column labels for the score tree (full ids stay in titles and links). */
final class ScoreLabels {
  private ScoreLabels() {
  }

  static String shortLabel(String node) {
    if (ScoreTree.V1.equals(node)) {
      return "V1";
    }
    if (ScoreTree.FREEMAN_ZIEMBA_PLS.equals(node)) {
      return "predictivity";
    }
    if (ScoreTree.MARQUES2020.equals(node)) {
      return "properties";
    }
    if (node.startsWith("V1-")) {
      return node.substring(3).replace('_', ' ');
    }
    int dash = node.lastIndexOf('-');
    return (dash >= 0 ? node.substring(dash + 1) : node).replace('_', ' ');
  }

  /** 0 = V1, 1 = its two children, 2 = a family, 3 = a property benchmark. */
  static int level(String node) {
    if (ScoreTree.V1.equals(node)) {
      return 0;
    }
    if (ScoreTree.FREEMAN_ZIEMBA_PLS.equals(node) || ScoreTree.MARQUES2020.equals(node)) {
      return 1;
    }
    return ScoreTree.FAMILIES.contains(node) ? 2 : 3;
  }
}
