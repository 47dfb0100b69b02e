package cfnresponse

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func testResponse() Response {
	return Response{
		Status:             StatusSuccess,
		Reason:             "all good",
		PhysicalResourceID: "us-east-1_AbCdEf123/3n4b5urk1ft4fl3mg5e2gj3nm7",
		StackID:            "arn:aws:cloudformation:us-east-1:123456789012:stack/demo/5b0a8d10-0000-11ef-9000-0a1b2c3d4e5f",
		RequestID:          "5d3f0b66-7a36-4a3b-8c0b-4c1e7d1b6f0a",
		LogicalResourceID:  "UserPoolClient",
		NoEcho:             true,
		Data:               map[string]string{"ClientId": "3n4b5urk1ft4fl3mg5e2gj3nm7", "ClientSecret": "s3cr3t"},
	}
}

// checkBody asserts the invariants of every Encode result and returns the
// decoded response.
func checkBody(t *testing.T, b []byte) Response {
	t.Helper()
	if len(b) > MaxBodyBytes {
		t.Fatalf("body is %d bytes, want at most %d", len(b), MaxBodyBytes)
	}
	if !json.Valid(b) {
		t.Fatalf("body is not valid JSON: %q", b)
	}
	if !utf8.Valid(b) {
		t.Fatalf("body is not valid UTF-8: %q", b)
	}
	var got Response
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("decode body: %v", err)
	}
	return got
}

// checkTruncated asserts that got is a rune prefix of orig plus the marker.
func checkTruncated(t *testing.T, got, orig string) {
	t.Helper()
	prefix, ok := strings.CutSuffix(got, truncationMarker)
	if !ok {
		t.Fatalf("reason %q does not end with %q", got, truncationMarker)
	}
	if !strings.HasPrefix(orig, prefix) {
		t.Fatalf("reason prefix %q is not a prefix of the original", prefix)
	}
	if !utf8.ValidString(prefix) {
		t.Fatalf("reason prefix %q is not cut on a rune boundary", prefix)
	}
}

func TestEncodeFits(t *testing.T) {
	r := testResponse()
	b, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	got := checkBody(t, b)
	if got.Status != r.Status || got.Reason != r.Reason || got.PhysicalResourceID != r.PhysicalResourceID ||
		got.StackID != r.StackID || got.RequestID != r.RequestID || got.LogicalResourceID != r.LogicalResourceID ||
		got.NoEcho != r.NoEcho || len(got.Data) != len(r.Data) || got.Data["ClientSecret"] != "s3cr3t" {
		t.Fatalf("decoded %+v, want %+v", got, r)
	}
}

func TestEncodeKeys(t *testing.T) {
	b, err := Encode(Response{Status: StatusSuccess, PhysicalResourceID: "id"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Status":"SUCCESS","PhysicalResourceId":"id","StackId":"","RequestId":"","LogicalResourceId":""}`
	if string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
}

func TestEncodeNoHTMLEscaping(t *testing.T) {
	r := testResponse()
	r.Reason = "a<b>&c"
	b, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"Reason":"a<b>&c"`) {
		t.Fatalf("body %s: want <>& unescaped", b)
	}
}

func TestEncodeTruncatesReason(t *testing.T) {
	tests := map[string]struct {
		reason string
	}{
		"1 MB of 2-byte runes":     {reason: strings.Repeat("é", 1<<19)},
		"control chars (6 bytes)":  {reason: strings.Repeat("\x01", 5000)},
		"4-byte emoji":             {reason: strings.Repeat("🙂", 2000)},
		"html chars":               {reason: strings.Repeat("<>&", 3000)},
		"quotes and backslashes":   {reason: strings.Repeat(`"\`, 3000)},
		"line and para separators": {reason: strings.Repeat("\u2028\u2029", 2000)},
		"mixed":                    {reason: strings.Repeat("a\x01é🙂<\n\"", 1000)},
		"just over the limit":      {reason: strings.Repeat("x", MaxBodyBytes-200)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := testResponse()
			r.Status = StatusFailed
			r.Reason = tc.reason
			b, err := Encode(r)
			if err != nil {
				t.Fatal(err)
			}
			got := checkBody(t, b)
			checkTruncated(t, got.Reason, tc.reason)
			// The cut is tight: one more rune (at most 6 encoded bytes) would not fit.
			if len(b) <= MaxBodyBytes-6 {
				t.Errorf("body is %d bytes: cut too short", len(b))
			}
			if got.Status != StatusFailed || got.PhysicalResourceID != r.PhysicalResourceID || len(got.Data) != 2 || !got.NoEcho {
				t.Errorf("other fields changed: %+v", got)
			}
		})
	}
}

func TestEncodeNormalizesReason(t *testing.T) {
	tests := map[string]struct {
		status Status
		reason string
		want   string
	}{
		"failed without reason":  {status: StatusFailed, reason: "", want: unknownReason},
		"success without reason": {status: StatusSuccess, reason: "", want: ""},
		"invalid utf-8":          {status: StatusFailed, reason: "bad \xff\xfe byte", want: "bad \uFFFD byte"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := testResponse()
			r.Status, r.Reason = tc.status, tc.reason
			b, err := Encode(r)
			if err != nil {
				t.Fatal(err)
			}
			if got := checkBody(t, b); got.Reason != tc.want {
				t.Fatalf("reason %q, want %q", got.Reason, tc.want)
			}
		})
	}
}

func TestEncodeHugeData(t *testing.T) {
	r := testResponse()
	r.Data = map[string]string{"Blob": strings.Repeat("x", 10000)}
	b, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	got := checkBody(t, b)
	if got.Status != StatusFailed || got.Data != nil || got.Reason != dataDroppedReason {
		t.Fatalf("got %+v, want FAILED without data", got)
	}
	if !strings.Contains(got.Reason, "4096 bytes") {
		t.Fatalf("reason %q does not name the limit", got.Reason)
	}
	if len(r.Data) != 1 {
		t.Fatal("input data was modified")
	}
}

func TestEncodeLargeDataKeepsDataAndCutsReason(t *testing.T) {
	r := testResponse()
	r.Reason = strings.Repeat("r", 3000)
	r.Data = map[string]string{"Blob": strings.Repeat("x", 3000)}
	b, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	got := checkBody(t, b)
	if got.Status != StatusSuccess || got.Data["Blob"] != r.Data["Blob"] {
		t.Fatalf("data or status changed: status %s, %d data entries", got.Status, len(got.Data))
	}
	checkTruncated(t, got.Reason, r.Reason)
}

func TestEncodeErrors(t *testing.T) {
	tests := map[string]struct {
		edit func(*Response)
		want string
	}{
		"empty physical id": {edit: func(r *Response) { r.PhysicalResourceID = "" }, want: "empty physical resource id"},
		"empty status":      {edit: func(r *Response) { r.Status = "" }, want: "invalid status"},
		"unknown status":    {edit: func(r *Response) { r.Status = "success" }, want: "invalid status"},
		"huge identifiers":  {edit: func(r *Response) { r.StackID = strings.Repeat("s", 5000) }, want: "even without data"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := testResponse()
			tc.edit(&r)
			b, err := Encode(r)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if b != nil {
				t.Fatalf("got body %q with an error", b)
			}
		})
	}
}

func FuzzEncode(f *testing.F) {
	for _, seed := range []string{"", "boom", "é", "\x01", "🙂", "<>&", "\"\\", "\u2028", "\xff\xfe", "a\x01é🙂<\n"} {
		f.Add(seed, uint16(0), false)
		f.Add(seed, uint16(3000), true)
	}
	f.Fuzz(func(t *testing.T, reason string, repeat uint16, failed bool) {
		if n := int(repeat) + 1; len(reason)*n <= 1<<20 {
			reason = strings.Repeat(reason, n)
		}
		r := testResponse()
		r.Reason = reason
		if failed {
			r.Status = StatusFailed
		}
		b, err := Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		got := checkBody(t, b)
		valid := strings.ToValidUTF8(reason, "\uFFFD")
		switch {
		case got.Reason == valid:
		case failed && valid == "" && got.Reason == unknownReason:
		default:
			checkTruncated(t, got.Reason, valid)
		}
		if got.Status != r.Status || got.PhysicalResourceID != r.PhysicalResourceID || len(got.Data) != len(r.Data) {
			t.Fatalf("other fields changed: %+v", got)
		}
	})
}
