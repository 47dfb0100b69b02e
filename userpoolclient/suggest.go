package userpoolclient

import "strings"

// suggest returns the known name closest to key, or "" when none is close: a name equal but
// for case, or a few edits away.
func suggest(key string, known []string) string {
	if len(key) > 64 { // no known name is that long; spare the quadratic distance
		return ""
	}
	lower := strings.ToLower(key)
	best, bestDist := "", -1
	for _, k := range known {
		if strings.ToLower(k) == lower {
			return k
		}
		d := editDistance(lower, strings.ToLower(k))
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	// "A few edits": three at most, and never more than a third of the key.
	if bestDist >= 0 && bestDist <= 3 && bestDist*3 <= len([]rune(key)) {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
