import { describe, expect, it } from "vitest";
import { iniComment, iniValue, markdownText, pyString, yamlString } from "../../src/render/quote.js";
import { targetPath } from "../../src/render/render.js";

// Each helper's output is also parsed back by Python, YAML and configparser in the render and
// e2e tests; these pin down the exact text.
describe("quoting helpers", () => {
  it.each([
    ["plain", '"plain"'],
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and ""`, `'both \\' and ""'`],
    ["back\\slash\nnew", '"back\\\\slash\\nnew"'],
  ])("pyString(%j)", (input, expected) => expect(pyString(input)).toBe(expected));

  it("yamlString escapes what YAML would read as a line break", () => {
    expect(yamlString(`Tom's <"vault"> & co`)).toBe(`"Tom's <\\"vault\\"> & co"`);
    expect(yamlString("a\u2028b\u0085c")).toBe('"a\\u2028b\\u0085c"');
  });

  it("iniComment comments out every line", () => {
    expect(iniComment("one\n[section]\r\nkey = v")).toBe("# one\n# [section]\n# key = v");
  });

  it("iniValue indents continuation lines and refuses what configparser would alter", () => {
    expect(iniValue("a\nb")).toBe("a\n    b");
    expect(() => iniValue(" padded")).toThrow(/leading or trailing spaces/);
    expect(() => iniValue("a\n\nb")).toThrow(/blank lines/);
  });

  it("markdownText escapes markup and folds lines", () => {
    expect(markdownText("*bold* <b> & [x](y)\n# not a heading")).toBe(
      "\\*bold\\* \\<b\\> \\& \\[x\\]\\(y\\) \\# not a heading",
    );
    expect(markdownText("1. first")).toBe("1\\. first");
  });
});

describe("targetPath", () => {
  it("maps dotfile names, renders placeholders, strips .hbs", () => {
    expect(targetPath("_github/workflows/ci.yml.hbs", () => "x", "t")).toBe(".github/workflows/ci.yml");
    expect(targetPath("{{packageName}}/about.py.hbs", () => "acme", "t")).toBe("acme/about.py");
  });

  it.each(["..", ".", "", "a/../../b"])("refuses a placeholder that renders to %j", (value) => {
    expect(() => targetPath("{{x}}/f.py", () => value, "org/{{x}}/f.py")).toThrow(
      /renders to a path outside the project/,
    );
  });
});
