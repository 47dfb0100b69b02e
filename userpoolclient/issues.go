package userpoolclient

import (
	"fmt"
	"strings"
)

// Issue is one rule violation, located by its property path
// (AnalyticsConfiguration.RoleArn, CallbackURLs[2]).
type Issue struct {
	Path    string
	Message string
}

func (i Issue) String() string {
	if i.Path == "" {
		return i.Message
	}
	return i.Path + ": " + i.Message
}

// ValidationError carries every violation found in one set of properties, so that one
// FAILED response can name them all.
type ValidationError struct {
	Issues []Issue
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Issues))
	for i, is := range e.Issues {
		parts[i] = is.String()
	}
	return strings.Join(parts, "; ")
}

// issues collects violations; a path that already has a type error gets no rule errors.
type issues struct {
	list   []Issue
	broken map[string]bool
}

func (s *issues) add(path, format string, args ...any) {
	if s.broken[path] {
		return
	}
	s.list = append(s.list, Issue{Path: path, Message: fmt.Sprintf(format, args...)})
}

// addBroken records a decoding error and silences later rule errors on the same path.
func (s *issues) addBroken(path, format string, args ...any) {
	s.add(path, format, args...)
	if s.broken == nil {
		s.broken = map[string]bool{}
	}
	s.broken[path] = true
}

func (s *issues) err() error {
	if len(s.list) == 0 {
		return nil
	}
	return &ValidationError{Issues: s.list}
}

// quote shows a user's value in a message, cut so that a 1 MB value does not become a 1 MB
// message.
func quote(s string) string {
	const max = 40
	r := []rune(s)
	if len(r) > max {
		return fmt.Sprintf("%q… (%d characters)", string(r[:max]), len(r))
	}
	return fmt.Sprintf("%q", s)
}
