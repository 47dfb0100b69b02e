package templates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/lint"
)

// finding is one entry of `cfn-lint --format json`.
type finding struct {
	Filename string
	Level    string
	Message  string
	Rule     struct{ Id string }
	Location struct {
		Path  []any
		Start struct{ LineNumber int }
	}
}

// runLint runs cfn-lint with the generated rules and lint/cfnlintrules' Python rules on files (relative to the root) and returns
// its exit code and findings. Exit codes are bit flags: 2 errors, 4 warnings, 8 informational.
func runLint(t *testing.T, files ...string) (int, []finding) {
	t.Helper()
	testrig.Need(t, testrig.CfnLint)
	rules := filepath.Join(t.TempDir(), "rules.txt")
	if err := os.WriteFile(rules, []byte(lint.Rules()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("cfn-lint", append([]string{"-z", rules, "--append-rules", "lint/cfnlintrules", "--format", "json", "--"}, files...)...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	code := testrig.ExitCode(t, err)
	var fs []finding
	if jerr := json.Unmarshal(out, &fs); jerr != nil {
		t.Fatalf("cfn-lint exit %d, output not JSON: %v\n%s\n%s", code, jerr, out, stderr.String())
	}
	return code, fs
}

// ruleIDs maps cfn-lint's IDs for the generated rules (E9000 + line number) to the rules.
func ruleIDs(t *testing.T) map[string]lint.Rule {
	t.Helper()
	ids := map[string]lint.Rule{}
	list := lint.List()
	k := 0
	for i, line := range strings.Split(strings.TrimSuffix(lint.Rules(), "\n"), "\n") {
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		if k >= len(list) || list[k].Line() != line {
			t.Fatalf("line %d of Rules() is not List()[%d]", i+1, k)
		}
		ids[fmt.Sprintf("E%d", 9000+i+1)] = list[k]
		k++
	}
	return ids
}

// key names a rule in a bad template's Metadata.Rules: "Property OPERATOR" ("... IS DEFINED").
func key(r lint.Rule) string {
	if r.Operator == "IS" {
		return r.Property + " IS " + r.Value
	}
	return r.Property + " " + r.Operator
}

// The templates pass cfn-lint, its own checks and the generated rules, without a warning.
func TestLintTemplates(t *testing.T) {
	files := allTemplates(t)
	code, fs := runLint(t, files...)
	for _, f := range fs {
		t.Errorf("%s:%d: %s %s", f.Filename, f.Location.Start.LineNumber, f.Rule.Id, f.Message)
	}
	if code != 0 {
		t.Errorf("cfn-lint exit %d (2 errors, 4 warnings)", code)
	}
}

// Each bad template fails with exactly the generated rules its resources name, and nothing
// else; together they make every rule fire; and the decoder rejects each resource on the
// property the rule names, so a rule never rejects what the Lambda would accept.
func TestLintRejectsBadTemplates(t *testing.T) {
	bad := glob(t, "test/templates/testdata/bad-*.yaml")
	ids := ruleIDs(t)
	code, fs := runLint(t, bad...)
	if code == 0 {
		t.Fatal("cfn-lint passed the bad templates")
	}

	type res struct{ file, id string }
	fired := map[res][]string{}
	firedRules := map[string]bool{}
	for _, f := range fs {
		r, ok := ids[f.Rule.Id]
		if !ok {
			t.Errorf("%s:%d: %s %s: not a generated rule; a bad template must be valid but for them", f.Filename, f.Location.Start.LineNumber, f.Rule.Id, f.Message)
			continue
		}
		if f.Message != r.Message || f.Level != "Error" {
			t.Errorf("%s: %s %q, want the rule's message %q", f.Rule.Id, f.Level, f.Message, r.Message)
		}
		if len(f.Location.Path) < 2 || f.Location.Path[0] != "Resources" {
			t.Errorf("%s:%d: %s outside Resources", f.Filename, f.Location.Start.LineNumber, f.Rule.Id)
			continue
		}
		k := res{filepath.ToSlash(f.Filename), fmt.Sprint(f.Location.Path[1])}
		if !slices.Contains(fired[k], key(r)) {
			fired[k] = append(fired[k], key(r))
		}
		firedRules[r.Line()] = true
	}

	for file, tpl := range loadTemplates(t, bad...) {
		for id, r := range resources(tpl) {
			var want []string
			for _, x := range asList(dig(r, "Metadata", "Rules")) {
				want = append(want, fmt.Sprint(x))
			}
			got := fired[res{file, id}]
			sort.Strings(want)
			sort.Strings(got)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("%s %s: rules fired %v, Metadata.Rules %v", file, id, got, want)
			}

			// The decoder agrees, on the same property (unless the value is an intrinsic,
			// known only at deploy time).
			props, _ := r["Properties"].(map[string]any)
			if hasIntrinsics(props) {
				continue
			}
			issues := checkProperties(r["Type"].(string), props)
			for _, w := range want {
				prop, _, _ := strings.Cut(w, " ")
				if !issueOn(issues, prop) {
					t.Errorf("%s %s: the rule %q fires but the decoder finds nothing on %s: %v", file, id, w, prop, issues)
				}
			}
		}
	}

	for _, r := range lint.List() {
		if !firedRules[r.Line()] {
			t.Errorf("no bad template proves the rule: %s", r.Line())
		}
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func issueOn(issues []issue, prop string) bool {
	for _, is := range issues {
		p := is.Path
		if i := strings.IndexByte(p, '['); i >= 0 {
			p = p[:i]
		}
		if p == prop {
			return true
		}
	}
	return false
}

// The Python rule flags every read of ClientSecret on a client that stores its secret, in
// each form a template can write it, and nothing else.
func TestLintFlagsClientSecretOfStoredClient(t *testing.T) {
	code, fs := runLint(t, "test/templates/testdata/storage-reads-clientsecret.yaml")
	if code&2 == 0 {
		t.Errorf("cfn-lint exit %d: want errors", code)
	}
	var lines []int
	for _, f := range fs {
		if f.Rule.Id != "E9990" || !strings.Contains(f.Message, "Stored stores its secret in Secrets Manager") {
			t.Errorf("%d: unexpected %s %s", f.Location.Start.LineNumber, f.Rule.Id, f.Message)
			continue
		}
		lines = append(lines, f.Location.Start.LineNumber)
	}
	sort.Ints(lines)
	if want := []int{27, 34, 40}; !slices.Equal(lines, want) {
		t.Errorf("E9990 at lines %v, want %v (GetAtt short, long, and inside Fn::Sub)", lines, want)
	}
}
