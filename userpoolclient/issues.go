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

// maxPerProperty caps the issues reported for one property (a list and its items count as
// one), so that one mistake repeated a thousand times does not crowd out the others.
const maxPerProperty = 5

// issues collects violations; a path that already has a type error gets no rule errors.
type issues struct {
	list   []Issue
	broken map[string]bool
	// perProperty counts issues by property, and more those left out past maxPerProperty.
	perProperty, more map[string]int
	// malformedInts are the indexes in list of integers that did not parse.
	malformedInts []int
}

func (s *issues) add(path, format string, args ...any) {
	if s.broken[path] {
		return
	}
	if s.perProperty == nil {
		s.perProperty, s.more = map[string]int{}, map[string]int{}
	}
	prop := enumKey(path)
	if s.perProperty[prop] >= maxPerProperty {
		s.more[prop]++
		return
	}
	s.perProperty[prop]++
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
	out := append([]Issue(nil), s.list...)
	told := map[string]bool{}
	for _, is := range s.list {
		prop := enumKey(is.Path)
		if n := s.more[prop]; n > 0 && !told[prop] {
			told[prop] = true
			out = append(out, Issue{Path: prop, Message: fmt.Sprintf("%d more problems like the above", n)})
		}
	}
	return &ValidationError{Issues: out}
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
