package cfnresponse

import (
	"cmp"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"
)

// CheckURL parses raw and accepts it as a ResponseURL when it is an https URL
// with a host, or an http URL whose host is a loopback (localhost,
// 127.0.0.0/8, [::1]) as used by tests and local emulators. Errors name the
// scheme or host, never the query string.
func CheckURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("response url is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// The *url.Error, and some of its causes, quote the URL: drop it.
		return nil, errors.New("response url cannot be parsed")
	}
	host := u.Hostname()
	switch u.Scheme {
	case "https":
		if host == "" {
			return nil, errors.New("response url scheme https has no host")
		}
	case "http":
		if !isLoopback(host) {
			return nil, fmt.Errorf("response url scheme http is only allowed for a loopback host, not %q", host)
		}
	default:
		return nil, fmt.Errorf("response url scheme %q is not allowed", u.Scheme)
	}
	return u, nil
}

// isLoopback reports whether host is localhost or a loopback address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.IsLoopback()
}

// Redact returns scheme://host/path of raw, without its query, fragment or
// userinfo: the only form of a ResponseURL that may reach a log line.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "[unparseable url]"
	}
	r := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	return r.String()
}

// scrubError returns err with every secret part of the URL raw (query,
// query values, fragment, userinfo) removed from its message. The URL of a
// *url.Error in err's chain is replaced by its Redact form.
func scrubError(err error, raw string) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = Redact(ue.URL)
	}
	msg := err.Error()
	clean := msg
	for _, s := range secrets(raw) {
		clean = strings.ReplaceAll(clean, s, "[redacted]")
	}
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean, err: err}
}

// secrets returns the parts of raw that must never be shown, longest first.
func secrets(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil {
		return []string{raw}
	}
	out := []string{raw}
	add := func(s string) {
		// Very short values (e.g. "1") would only garble the message.
		if len(s) >= 4 {
			out = append(out, s)
		}
	}
	add(u.RawQuery)
	add(u.RawFragment)
	add(u.Fragment)
	if u.User != nil {
		add(u.User.String())
		if p, ok := u.User.Password(); ok {
			add(p)
		}
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			add(v)
			add(url.QueryEscape(v))
		}
	}
	// Replace longer secrets first so a shorter one does not break them up.
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return out
}

// scrubbedError is an error whose message had URL secrets removed.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }

// Unwrap keeps errors.Is working (e.g. for context.DeadlineExceeded).
func (e *scrubbedError) Unwrap() error { return e.err }
