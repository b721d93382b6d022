package hyphen

import (
	"strings"
	"unicode"
)

// Points returns where word may be hyphenated, as byte offsets into word
// in ascending order: at offset i, word[:i] plus a hyphen ends one line
// and word[i:] starts the next. It returns nil where there is no such
// place.
//
// What counts as the word:
//   - Leading and trailing quotes, brackets, dashes and sentence
//     punctuation are not part of it ("“hyphenation,”"); the offsets still
//     index the string given.
//   - Anything else that is not a letter — a digit, "@", "/", ".", ":",
//     "_", a soft hyphen (the author placed the breaks) — makes it a
//     number, an address or code, and it gets no breaks at all.
//   - A hyphen splits a compound, and each part is hyphenated on its own,
//     with its own minimums; no break falls beside the hyphen, where the
//     line breaker may break anyway.
//   - An apostrophe splits a word the same way in languages whose patterns
//     do not know it, so in "Russia’s" only "Russia" is hyphenated and
//     "’s" is never left alone. French, Italian and Ukrainian patterns
//     treat it as a letter; there it stays in the word, and still no break
//     falls beside it.
//   - A part in capitals only (NATO, UNESCO) is taken for an abbreviation
//     and not hyphenated.
//
// The language's exception list, where it has one, overrides the patterns
// for the words it lists. The minimums count letters, not bytes, and no
// break falls before a combining mark.
func (h *Hyphenator) Points(word string) []int {
	rs := make([]rune, 0, len(word))
	offs := make([]int, 0, len(word)+1)
	for i, r := range word {
		rs = append(rs, r)
		offs = append(offs, i)
	}
	offs = append(offs, len(word))

	start, end := 0, len(rs)
	for start < end && strippable(rs[start]) {
		start++
	}
	for end > start && strippable(rs[end-1]) {
		end--
	}

	var points []int
	part := start
	for i := start; i <= end; i++ {
		if i < end {
			r := rs[i]
			switch {
			case unicode.IsLetter(r) || unicode.IsMark(r):
				continue
			case isApostrophe(r) && h.apostrophe:
				continue
			case isHyphen(r), isApostrophe(r):
			default:
				return nil
			}
		}
		for _, k := range h.part(rs[part:i]) {
			points = append(points, offs[part+k])
		}
		part = i + 1
	}
	return points
}

// part returns the breaks of one hyphen- or apostrophe-free part of a word,
// as rune indices into it.
func (h *Hyphenator) part(rs []rune) []int {
	// letters[k] is how many letters come before rune k: apostrophes and
	// combining marks take up runes but are not letters to count.
	letters := make([]int, len(rs)+1)
	hasLower := false
	for k, r := range rs {
		letters[k+1] = letters[k]
		if unicode.IsLetter(r) && !isApostrophe(r) {
			letters[k+1]++
		}
		hasLower = hasLower || unicode.IsLower(r)
	}
	total := letters[len(rs)]
	if total < h.left+h.right || !hasLower {
		return nil
	}

	lower := make([]rune, len(rs))
	for k, r := range rs {
		lower[k] = unicode.ToLower(r)
		if isApostrophe(r) {
			lower[k] = '’' // the patterns spell both; one suffices
		}
	}
	var cand []int
	if breaks, ok := h.exceptions[string(lower)]; ok {
		cand = breaks
	} else {
		for k, v := range h.pats.values(lower) {
			if v%2 == 1 {
				cand = append(cand, k)
			}
		}
	}

	var out []int
	for _, k := range cand {
		switch {
		case k <= 0 || k >= len(rs):
		case letters[k] < h.left || total-letters[k] < h.right:
		case unicode.IsMark(rs[k]):
		case isApostrophe(rs[k-1]) || isApostrophe(rs[k]):
		default:
			out = append(out, k)
		}
	}
	return out
}

// Hyphenate returns word with sep at every place it may break, for tests
// and debugging: Hyphenate("hyphenation", "-") is "hy-phen-ation".
func (h *Hyphenator) Hyphenate(word, sep string) string {
	var b strings.Builder
	last := 0
	for _, p := range h.Points(word) {
		b.WriteString(word[last:p])
		b.WriteString(sep)
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}

// strippable reports whether r, at either end of a word, is punctuation
// around it rather than part of it. Signs that make a token something
// other than a word ("@", "#", "/", "%", digits) are kept, so that the
// token is left alone.
func strippable(r rune) bool {
	return unicode.In(r, unicode.Ps, unicode.Pe, unicode.Pi, unicode.Pf, unicode.Pd) ||
		strings.ContainsRune("\"'.,;:!?…¡¿*", r)
}

func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011'
}

// isApostrophe covers the typewriter apostrophe, the right single quote
// that typography uses for it, and the modifier letter Ukrainian text
// sometimes has instead.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '\u02bc'
}
