package cfnresponse

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestCheckURL(t *testing.T) {
	tests := map[string]struct {
		raw     string
		wantErr string // empty: accepted
	}{
		"https":                 {raw: "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws/x?X-Amz-Signature=SECRETSIG"},
		"https with port":       {raw: "https://s3.example.com:8443/key"},
		"http localhost":        {raw: "http://localhost/x"},
		"http LOCALHOST":        {raw: "http://LOCALHOST:3000/x"},
		"http 127.0.0.1:8080":   {raw: "http://127.0.0.1:8080/x?X-Amz-Signature=SECRETSIG"},
		"http 127.1.2.3":        {raw: "http://127.1.2.3/"},
		"http [::1]:9":          {raw: "http://[::1]:9/x"},
		"http remote host":      {raw: "http://example.com/x?X-Amz-Signature=SECRETSIG", wantErr: `"example.com"`},
		"http localhost suffix": {raw: "http://localhost.example.com/", wantErr: "localhost.example.com"},
		"http private ip":       {raw: "http://10.0.0.1/", wantErr: "10.0.0.1"},
		"ftp":                   {raw: "ftp://example.com/x?X-Amz-Signature=SECRETSIG", wantErr: `scheme "ftp"`},
		"empty":                 {raw: "", wantErr: "empty"},
		"not a url":             {raw: "not a url", wantErr: `scheme ""`},
		"https without host":    {raw: "https://", wantErr: "no host"},
		"https path only":       {raw: "https:///path?X-Amz-Signature=SECRETSIG", wantErr: "no host"},
		"https opaque":          {raw: "https:SECRETSIG", wantErr: "no host"},
		"unparseable":           {raw: "https://exa mple.com/\x7f?X-Amz-Signature=SECRETSIG", wantErr: "cannot be parsed"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			u, err := CheckURL(tc.raw)
			if tc.wantErr == "" {
				if err != nil || u == nil {
					t.Fatalf("CheckURL(%q) = %v, %v; want a URL", tc.raw, u, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckURL(%q) accepted, want error containing %s", tc.raw, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %q does not contain %s", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), "SECRETSIG") {
				t.Errorf("error %q leaks the query", err)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := map[string]struct {
		raw, want string
	}{
		"presigned": {
			raw:  "https://bucket.s3.amazonaws.com/arn%3Aaws%3Acloudformation/stack/id?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=SECRETSIG",
			want: "https://bucket.s3.amazonaws.com/arn%3Aaws%3Acloudformation/stack/id",
		},
		"fragment":  {raw: "https://host/p#SECRETSIG", want: "https://host/p"},
		"userinfo":  {raw: "https://user:SECRETSIG@host:8443/p?q=SECRETSIG", want: "https://host:8443/p"},
		"no path":   {raw: "http://127.0.0.1:8080?SECRETSIG", want: "http://127.0.0.1:8080"},
		"opaque":    {raw: "https:SECRETSIG?SECRETSIG", want: "https:"},
		"bad url":   {raw: "https://h/\x7f?SECRETSIG", want: "[unparseable url]"},
		"not a url": {raw: "not a url", want: "not%20a%20url"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Redact(tc.raw); got != tc.want {
				t.Fatalf("Redact(%q) = %q, want %q", tc.raw, got, tc.want)
			}
		})
	}
}

func TestScrubError(t *testing.T) {
	raw := "https://user:PASSWORD1@host/p?X-Amz-Credential=AKIDSECRET%2F2024&X-Amz-Signature=SECRETSIG#FRAGMENT1"
	tests := map[string]struct {
		err error
	}{
		"url error":         {err: &url.Error{Op: "Put", URL: raw, Err: context.DeadlineExceeded}},
		"wrapped url error": {err: fmt.Errorf("attempt: %w", &url.Error{Op: "Put", URL: raw, Err: context.DeadlineExceeded})},
		"query in message":  {err: fmt.Errorf("bad request to %s: %w", raw, context.DeadlineExceeded)},
		"lone values":       {err: fmt.Errorf("sig SECRETSIG cred AKIDSECRET/2024 pw PASSWORD1 frag FRAGMENT1: %w", context.DeadlineExceeded)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := scrubError(tc.err, raw)
			msg := got.Error()
			for _, secret := range []string{"SECRETSIG", "AKIDSECRET", "PASSWORD1", "FRAGMENT1"} {
				if strings.Contains(msg, secret) {
					t.Errorf("scrubbed error %q contains %s", msg, secret)
				}
			}
			if !errors.Is(got, context.DeadlineExceeded) {
				t.Errorf("scrubbed error %q lost its cause", msg)
			}
		})
	}
	if scrubError(nil, raw) != nil {
		t.Error("scrubError(nil) != nil")
	}
}
