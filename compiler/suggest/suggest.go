// Package suggest finds the closest known name to a misspelt one, for
// "did you mean" hints.
package suggest

import (
	"unicode"
	"unicode/utf8"
)

// Closest returns the candidate nearest to name by edit distance (ignoring
// case), or "" when none is close enough to be a plausible typo. Among
// candidates as near, the least in string order wins.
func Closest(name string, candidates []string) string {
	var abuf, bbuf [48]rune
	var rows [3][49]int
	d := dist{a: abuf[:0], b: bbuf[:0], prev2: rows[0][:], prev: rows[1][:], cur: rows[2][:]}
	d.a = lower(d.a, name)
	limit := max(1, min(3, len(name)/3))
	best, bestDist := "", -1
	for _, c := range candidates {
		// The distance is at least the difference in length.
		if n := utf8.RuneCountInString(c); n > len(d.a)+limit || n < len(d.a)-limit {
			continue
		}
		d.b = lower(d.b[:0], c)
		if dd := d.distance(limit); dd <= limit && (bestDist < 0 || dd < bestDist || (dd == bestDist && c < best)) {
			best, bestDist = c, dd
		}
	}
	return best
}

func lower(buf []rune, s string) []rune {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		buf = append(buf, r)
	}
	return buf
}

// dist computes distances between a and b, reusing its buffers.
type dist struct {
	a, b             []rune
	prev2, prev, cur []int
}

// distance is the Damerau-Levenshtein (optimal string alignment) distance
// of a and b; any value over limit means "more than limit".
func (d *dist) distance(limit int) int {
	ra, rb := d.a, d.b
	n := len(rb) + 1
	if cap(d.cur) < n {
		d.prev2, d.prev, d.cur = make([]int, n), make([]int, n), make([]int, n)
	}
	prev2, prev, cur := d.prev2[:n], d.prev[:n], d.cur[:n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		// Rows never decrease by more than a transposition could undo, and
		// a transposition only looks one row back.
		if rowMin > limit && i > 1 && minOf(prev) > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func minOf(row []int) int {
	m := row[0]
	for _, v := range row[1:] {
		m = min(m, v)
	}
	return m
}
