package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
)

// TestInvokeEveryEvent runs each events/*.json the way `make invoke` does,
// through the real bootstrap, and checks what the README's event table says
// it does. Every event file must have a row here.
func TestInvokeEveryEvent(t *testing.T) {
	testrig.Need(t, testrig.Moto)
	bootstrap := filepath.Join(t.TempDir(), "bootstrap")
	require.NoError(t, localrun.BuildBootstrap(context.Background(), "github.com/cognito-cfn/userpoolclient/lambda", bootstrap))

	type want struct {
		expect string
		check  func(t *testing.T, out string)
	}
	// physicalIDs are the client IDs in the printed responses, in order.
	physicalIDs := func(out string) []string {
		var ids []string
		for _, m := range regexp.MustCompile(`"PhysicalResourceId": "([^"]*)"`).FindAllStringSubmatch(out, -1) {
			ids = append(ids, m[1])
		}
		return ids
	}
	cases := map[string]want{
		"create.json": {"SUCCESS", func(t *testing.T, out string) {
			assert.NotContains(t, out, "setup:")
			assert.Contains(t, out, `"ClientName": "web-client"`)
		}},
		"update.json": {"SUCCESS", func(t *testing.T, out string) {
			ids := physicalIDs(out)
			require.Len(t, ids, 2, "the setup Create and the Update")
			assert.Equal(t, ids[0], ids[1], "an in-place update keeps the client")
			assert.Contains(t, out, `"ClientName": "web-client-v2"`)
			assert.NotContains(t, out, "healing", "the update found its client")
		}},
		"replace.json": {"SUCCESS", func(t *testing.T, out string) {
			ids := physicalIDs(out)
			require.Len(t, ids, 2)
			assert.NotEqual(t, ids[0], ids[1], "GenerateSecret false -> true replaces the client")
		}},
		"delete.json": {"SUCCESS", func(t *testing.T, out string) {
			assert.Contains(t, out, "setup: Create the client the Delete acts on")
			assert.Contains(t, out, "gone (")
		}},
		"delete-failed-create.json": {"SUCCESS", func(t *testing.T, out string) {
			assert.NotContains(t, out, "setup:", "a failed Create's marker names no client")
		}},
		"lookup-create.json": {"SUCCESS", func(t *testing.T, out string) {
			made := regexp.MustCompile(`setup: client (\S+) \(web-client\)`).FindStringSubmatch(out)
			require.NotNil(t, made, out)
			assert.Contains(t, physicalIDs(out), made[1], "the lookup finds the client made for it")
		}},
		"create-with-storage.json": {"SUCCESS", func(t *testing.T, out string) {
			assert.Contains(t, out, "setup: storage secret")
			assert.Contains(t, out, `"SecretArn": "arn:aws:secretsmanager:`)
			assert.Regexp(t, `AWSCURRENT  \{"ClientId":"\w+","ClientSecret":"\*\*\*\*"`, out, "the stored version, its secret masked")
			assert.Contains(t, out, "AWSPREVIOUS none")
		}},
		"rotate.json": {"SUCCESS", func(t *testing.T, out string) {
			ids := physicalIDs(out)
			require.Len(t, ids, 2, "the setup Create and the rotation")
			assert.Equal(t, ids[0], ids[1], "a rotation keeps the client")
			assert.Regexp(t, `AWSPREVIOUS \{"ClientId":"`+ids[0], out, "the previous secret stays, as AWSPREVIOUS")
		}},
		"rollback-rotation.json": {"SUCCESS", func(t *testing.T, out string) {
			ids := physicalIDs(out)
			require.Len(t, ids, 2)
			assert.Equal(t, ids[0], ids[1])
			assert.Contains(t, out, "AWSPREVIOUS none", "one secret: nothing to roll back, nothing changed")
		}},
		"adopt.json": {"SUCCESS", func(t *testing.T, out string) {
			made := regexp.MustCompile(`setup: client (\S+) \(mobile-app\) made directly in Cognito`).FindStringSubmatch(out)
			require.NotNil(t, made, out)
			assert.Equal(t, []string{made[1]}, physicalIDs(out), "Ref is the adopted client's ID")
		}},
		"release-adopted.json": {"SUCCESS", func(t *testing.T, out string) {
			made := regexp.MustCompile(`setup: client (\S+) \(mobile-app\)`).FindStringSubmatch(out)
			require.NotNil(t, made, out)
			assert.Equal(t, []string{made[1], made[1]}, physicalIDs(out), "adopted by the setup Create, released by the Delete")
			assert.NotContains(t, out, "gone (")
		}},
		"hand-over.json": {"SUCCESS", func(t *testing.T, out string) {
			ids := physicalIDs(out)
			require.Len(t, ids, 2)
			assert.Equal(t, ids[0], ids[1], "handed over in place: the same ID")
		}},
		"invalid.json": {"FAILED", func(t *testing.T, out string) {
			for _, p := range []string{"GenerateSecret", "CallbackUrls", "client_credentials"} {
				assert.Contains(t, out, p)
			}
		}},
	}
	files, err := filepath.Glob("../../events/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			w, ok := cases[name]
			require.True(t, ok, "%s has no row in this test (and the README's event table)", name)
			o := options{bootstrap: bootstrap, event: file, events: "../../events", timeout: 30 * time.Second, expect: w.expect}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), o, &stdout, &stderr)
			require.Equal(t, exitOK, code, "stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
			w.check(t, stdout.String())

			if w.expect == "FAILED" {
				t.Run("without EXPECT=FAILED it exits 1", func(t *testing.T) {
					o.expect = "SUCCESS"
					stdout.Reset()
					stderr.Reset()
					assert.Equal(t, exitFailed, run(context.Background(), o, &stdout, &stderr))
					assert.Contains(t, stderr.String(), "EXPECT=FAILED")
				})
			}
		})
	}
}

// TestInvokeRefusesABrokenEventBeforeStarting: a missing or malformed event
// file fails with where the JSON breaks, before moto or the emulator start
// (the bootstrap given does not even exist).
func TestInvokeRefusesABrokenEventBeforeStarting(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	cases := map[string]struct {
		path string
		want string
	}{
		"missing":         {filepath.Join(dir, "nope.json"), "no such file"},
		"a syntax error":  {write("syntax.json", "{\n  \"RequestType\": \"Create\",\n  \"ResourceProperties\": {,}\n}"), "line 3, column 26"},
		"cut short":       {write("short.json", `{"RequestType": "Create", "Reso`), "ends too early"},
		"not an object":   {write("array.json", `["Create"]`), "not a JSON object"},
		"no RequestType":  {write("norequest.json", `{"ResourceType": "Custom::UserPoolClient"}`), "no RequestType"},
		"trailing data":   {write("trailing.json", `{"RequestType": "Create"} {}`), "data after the JSON object"},
		"an empty file":   {write("empty.json", ``), "ends too early"},
		"a bare string":   {write("string.json", `"Create"`), "not a JSON object"},
		"a wrong literal": {write("literal.json", `{"RequestType": Create}`), "line 1, column 17"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			o := options{bootstrap: filepath.Join(dir, "no-bootstrap"), event: c.path, timeout: time.Minute, expect: "SUCCESS"}
			assert.Equal(t, exitUsage, run(context.Background(), o, &stdout, &stderr))
			assert.Contains(t, stderr.String(), c.want)
			assert.NotContains(t, stderr.String(), "bootstrap", "nothing was started")
			assert.Empty(t, stdout.String())
		})
	}
}

// TestEveryEventIsValidJSON keeps the sample events parseable by
// `sam local invoke` too.
func TestEveryEventIsValidJSON(t *testing.T) {
	files, err := filepath.Glob("../../events/*.json")
	require.NoError(t, err)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.True(t, json.Valid(raw), f)
		_, err = loadEvent(f)
		assert.NoError(t, err, strings.TrimPrefix(f, "../../"))
	}
}
