/**
 * The AA example's guard on admin-written ticket patterns (templates/aa/<package>/patterns.py):
 * whatever it accepts matches in linear time. Each accepted pattern, from a fixed list and
 * from thousands generated out of the pieces that cause backtracking (overlapping repeats,
 * optional runs, alternatives with a common start, nested groups), is run on the answers
 * that make a backtracking engine work hardest, with a 200-character cap as the plugin has;
 * the whole run must end within a minute, where one catastrophic pattern alone takes hours.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PKG_ROOT } from "../helpers/paths.js";
import { run, TOOLS_PYTHON } from "../helpers/run.js";

const SCRIPT = String.raw`
import importlib.util, json, random, re, sys
spec = importlib.util.spec_from_file_location("patterns", sys.argv[1])
patterns = importlib.util.module_from_spec(spec)
spec.loader.exec_module(patterns)
problem = patterns.pattern_problem

named_bad = [r"(a|a)+$", r"a*a*a*a*a*a*b", r"(?:a|b|ab)*c", r"(a+)+b", r"(((a)+)+)+b",
             r"([A-Z]{2})*-x", r"(\w)\1", r"(?P<t>x)(?P=t)", r"\d+\d+", r"a?a?a?a?a?aaaaa",
             r".*.*=.*", r"(a|ab)(c|bcd)(d*)", r"\w+\d", r"(?i)a+A+", r"a{0,200}a{0,200}b", "X" * 201]
named_good = [r"[A-Z]{2,10}-[0-9]{1,10}", r"(CHG|INC)\d{7}", r"TKT-\d+", r"^CHG-\d{4,8}$",
              r"(?:CHG|INC|PRB)-?\d{3,10}", r"[^-]+-\d+", r"REQ\.\d+"]

pieces = ["a", "b", "\\d", "\\w", "[a-c]", "[^b]", ".", "-", "(a|b)", "(a|ab)", "(?:ab|b)", "(a)",
          "(a+)", "(a|a)"]
quantifiers = ["", "", "*", "+", "?", "{2}", "{0,3}", "{1,}", "{2,5}"]
rng = random.Random(20261207)
generated = set()
while len(generated) < 4000:
    generated.add("".join(rng.choice(pieces) + rng.choice(quantifiers) for _ in range(rng.randint(1, 6))))

accepted = [p for p in list(generated) + named_good if problem(p) is None]
# The inputs that make a backtracking engine try every split: long runs of each character
# the pattern knows, then one that breaks the match at the very end.
answers = [c * 199 + "!" for c in "ab1-_ "] + ["ab" * 99 + "!", "a1" * 99 + "!"]
for p in accepted:
    compiled = re.compile(p)
    for answer in answers:
        compiled.fullmatch(answer[:200])
print(json.dumps({
    "bad": {p: problem(p) for p in named_bad},
    "good": {p: problem(p) for p in named_good},
    "generated": len(generated),
    "accepted": len(accepted) - len(named_good),
}))
`;

describe("the AA example's ticket-pattern guard", () => {
  it("refuses the patterns that stall a login, and what it accepts matches in linear time", () => {
    const guard = path.join(PKG_ROOT, "templates/aa/{{packageName}}/patterns.py");
    const ran = run(TOOLS_PYTHON, ["-c", SCRIPT, guard], { timeout: 60_000 });
    expect(ran.status, ran.stderr).toBe(0);
    const found = JSON.parse(ran.stdout) as {
      bad: Record<string, string | null>;
      good: Record<string, string | null>;
      generated: number;
      accepted: number;
    };
    for (const [pattern, why] of Object.entries(found.bad)) expect(why, pattern).toBeTruthy();
    for (const [pattern, why] of Object.entries(found.good)) expect(why, pattern).toBeNull();
    // Both outcomes are well represented: the run proves something about accepted patterns.
    expect(found.generated).toBe(4000);
    expect(found.accepted).toBeGreaterThan(300);
    expect(found.accepted).toBeLessThan(3900);
  });
});
