import { describe, expect, it } from "vitest";
import {
  checkLicenseHeader,
  checkSpsName,
  checkDirectory,
  checkEmail,
  checkName,
  checkSps,
  checkText,
  checkType,
} from "../../src/answers/validate.js";
import { nameFromDirectory, toSnakeCase } from "../../src/answers/names.js";

describe("toSnakeCase", () => {
  it.each([
    ["AcmeVault", "acme_vault"],
    ["HTTPVault", "http_vault"],
    ["my_vault", "my_vault"],
    ["Vault2Go", "vault2_go"],
    ["CyberArk_PAM", "cyber_ark_pam"],
    ["ab", "ab"],
    ["ABC", "abc"],
  ])("%s -> %s", (name, expected) => expect(toSnakeCase(name)).toBe(expected));
});

describe("nameFromDirectory", () => {
  it.each([
    ["acme-vault", "acme_vault"],
    ["../plugins/Acme Vault/", "Acme_Vault"],
    ["C:\\work\\my.plugin", "my_plugin"],
    ["123", "plugin_123"],
    ["---", "sps_plugin"],
    [".", "sps_plugin"],
    ["x", "x_plugin"],
    ["a".repeat(80), "a".repeat(64)],
  ])("%s -> %s", (dir, expected) => {
    expect(nameFromDirectory(dir)).toBe(expected);
    expect(checkName(nameFromDirectory(dir))).toBeUndefined();
  });
});

describe("checkName", () => {
  it.each(["AcmeVault", "ab", "Vault_2", "a".repeat(64)])("accepts %s", (name) => {
    expect(checkName(name)).toBeUndefined();
  });
  it.each([
    ["a", /SPS's MANIFEST rule/],
    ["1vault", /start with a letter/],
    ["acme-vault", /letters, digits and _/],
    ["acme vault", /letters, digits and _/],
    ["Vault@home", /letters, digits and _/],
    ["a".repeat(65), /at most 64/],
    ["Json", /package "json", which would shadow/],
    ["Tests", /package "tests"/],
    ["SpsDev", /package "sps_dev"/],
    ["Main", /package "main"/],
    ["Class", /package "class", a Python keyword/],
    ["async", /a Python keyword/],
  ])("refuses %s", (name, message) => expect(checkName(name)).toMatch(message));
});

describe("other checks", () => {
  it.each([
    [checkEmail(""), undefined],
    [checkEmail("jane.doe+sps@mail.example.com"), undefined],
    [checkEmail("jane@"), "must be an address SPS accepts, e.g. jane.doe@example.com"],
    [checkEmail("Jane <jane@example.com>"), "must be an address SPS accepts, e.g. jane.doe@example.com"],
    [checkType("credentialstore"), undefined],
    [checkType("credential-store"), "must be one of credentialstore, aa"],
    [checkType("aa"), undefined],
    [checkSps("7.0"), undefined],
    [checkSps("7"), "must be one of 7.0, 8.0, 9.0 (the oldest SPS release the plugin supports)"],
    [checkText("", { required: true }), "must not be empty"],
    [checkText("  ", { required: true }), "must not be empty"],
    [checkText("", { required: false }), undefined],
    [checkText(`Tom's <"vault"> & co {{x}} """`, { required: true }), undefined],
    [checkText("bell\u0007", { required: true }), "must not contain control characters"],
    [checkText("x".repeat(301), { required: true }), "must be at most 300 characters"],
    [checkDirectory(""), "must not be empty"],
    [checkDirectory("a\0b"), "must not contain a NUL character"],
    [checkDirectory("../sibling"), undefined],
  ])("case %#", (actual, expected) => expect(actual).toBe(expected));
});

describe("checkLicenseHeader and text that reaches source files", () => {
  it.each([
    ["Copyright 2026 Example", undefined],
    ["Copyright\n-*- coding: latin-1 -*-", "encoding declaration"],
    ["vim: set fileencoding=utf-8", "encoding declaration"],
    ["see the coding: guide", "encoding declaration"],
    ["Copyright \u202eExample", "bidirectional control characters"],
    ["x".repeat(97), "at most 96 characters"],
    ["", "must not be empty"],
  ])("%j", (header, problem) => {
    const found = checkLicenseHeader(header);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem === "encoding declaration" ? 'like "coding: <name>"' : problem);
  });

  it("refuses bidi controls in any free text, and checkSpsName keeps to SPS's rule alone", () => {
    expect(checkText("a\u2066b", { required: false })).toContain("bidirectional");
    expect(checkSpsName("SPS_TPAM")).toBeUndefined();
    expect(checkSpsName("Sps_dev")).toBeUndefined();
    expect(checkSpsName("my-plugin")).toContain("SPS's MANIFEST rule");
  });
});
