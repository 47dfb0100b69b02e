package cfnresponse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// MaxBodyBytes is the largest response body CloudFormation accepts.
const MaxBodyBytes = 4096

const (
	// truncationMarker ends a Reason that Encode had to cut.
	truncationMarker = " (truncated)"
	// unknownReason replaces an empty Reason of a FAILED response.
	unknownReason = "unknown error"
)

// dataDroppedReason is the Reason of a response whose Data did not fit.
var dataDroppedReason = fmt.Sprintf("response data exceeded %d bytes and was dropped", MaxBodyBytes)

// Encode returns the JSON body of r, at most MaxBodyBytes long.
//
// The body is encoded without HTML escaping ('<', '>' and '&' are written as
// is); control characters, U+2028 and U+2029 are escaped as encoding/json
// does. Sizes are measured on the encoded bytes, so the result is always
// valid JSON and valid UTF-8.
//
// Reason is first made valid UTF-8 (each invalid sequence becomes U+FFFD),
// and an empty Reason of a FAILED response becomes "unknown error". When the
// body is too long, Reason is cut on a rune boundary to the longest prefix
// that fits with the marker " (truncated)" appended. When even an empty
// prefix does not fit, Data is dropped, Status becomes FAILED and Reason says
// that the response data exceeded MaxBodyBytes.
//
// Encode returns an error when Status is neither SUCCESS nor FAILED, when
// PhysicalResourceID is empty, or when the response does not fit even
// without Data (huge identifiers).
func Encode(r Response) ([]byte, error) {
	b, _, err := encode(r)
	return b, err
}

// encode is Encode that also returns the response as finally encoded.
func encode(r Response) ([]byte, Response, error) {
	switch r.Status {
	case StatusSuccess, StatusFailed:
	default:
		return nil, r, fmt.Errorf("encode response: invalid status %q", r.Status)
	}
	if r.PhysicalResourceID == "" {
		return nil, r, errors.New("encode response: empty physical resource id")
	}
	r.Reason = strings.ToValidUTF8(r.Reason, "\uFFFD")
	if r.Status == StatusFailed && r.Reason == "" {
		r.Reason = unknownReason
	}

	b, err := marshal(r)
	if err != nil {
		return nil, r, err
	}
	if len(b) <= MaxBodyBytes {
		return b, r, nil
	}

	if b, cut, ok, err := truncateReason(r); err != nil || ok {
		return b, cut, err
	}

	r.Data = nil
	r.Status = StatusFailed
	r.Reason = dataDroppedReason
	b, err = marshal(r)
	if err != nil {
		return nil, r, err
	}
	if len(b) > MaxBodyBytes {
		return nil, r, fmt.Errorf("encode response: %d bytes exceed %d even without data", len(b), MaxBodyBytes)
	}
	return b, r, nil
}

// truncateReason returns the body of r with Reason cut to its longest rune
// prefix that fits with truncationMarker appended; ok is false when not even
// the empty prefix fits. r.Reason must be valid UTF-8.
func truncateReason(r Response) (body []byte, cut Response, ok bool, err error) {
	reason := r.Reason
	// Every byte of valid UTF-8 encodes to at least one byte, so no prefix
	// longer than MaxBodyBytes can fit: search only that much.
	if len(reason) > MaxBodyBytes {
		end := 0
		for i := range reason {
			if i > MaxBodyBytes {
				break
			}
			end = i
		}
		reason = reason[:end]
	}
	bounds := make([]int, 0, len(reason)+1)
	for i := range reason {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(reason))

	try := func(n int) ([]byte, Response, error) {
		c := r
		c.Reason = reason[:bounds[n]] + truncationMarker
		b, err := marshal(c)
		return b, c, err
	}

	body, cut, err = try(0)
	if err != nil {
		return nil, r, false, err
	}
	if len(body) > MaxBodyBytes {
		return nil, r, false, nil
	}
	// The encoded size grows with the prefix: binary search the longest
	// fitting one. Invariant: bounds[lo] fits, nothing past bounds[hi] does.
	lo, hi := 0, len(bounds)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		b, c, err := try(mid)
		if err != nil {
			return nil, r, false, err
		}
		if len(b) <= MaxBodyBytes {
			lo, body, cut = mid, b, c
		} else {
			hi = mid - 1
		}
	}
	return body, cut, true, nil
}

// marshal encodes r as compact JSON without HTML escaping.
func marshal(r Response) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encode response: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
