package hyphen

import (
	"strings"
	"unicode"
)

// patterns is Liang's pattern trie. An edge is a map entry keyed by the
// parent node and the letter, which keeps the trie one allocation big and
// quick to build; a node that ends a pattern has its digit vector in vals.
type patterns struct {
	next map[uint64]int32 // edge(node, letter) -> child node
	at   []int32          // node -> start of its digits in vals, or -1
	vals []uint8          // a pattern of n letters has n+1 digits
	// apostrophe says some pattern has an apostrophe as a letter.
	apostrophe bool
}

func edge(node int32, r rune) uint64 { return uint64(node)<<32 | uint64(uint32(r)) }

// parsePatterns reads hyph-utf8's .pat.txt format: whitespace-separated
// patterns such as ".ach4" or "4l1b2", where a digit is the value of the
// gap at that place and "." marks the edge of a word. Lines starting with
// % are comments.
func parsePatterns(data []byte) patterns {
	p := patterns{next: make(map[uint64]int32, len(data)/3), at: []int32{-1}}
	var digits []uint8
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "%") {
			continue
		}
		for _, pat := range strings.Fields(line) {
			node := int32(0)
			digits = append(digits[:0], 0)
			for _, r := range pat {
				if r >= '0' && r <= '9' {
					digits[len(digits)-1] = uint8(r - '0')
					continue
				}
				p.apostrophe = p.apostrophe || r == '\'' || r == '’'
				child, ok := p.next[edge(node, r)]
				if !ok {
					child = int32(len(p.at))
					p.at = append(p.at, -1)
					p.next[edge(node, r)] = child
				}
				node = child
				digits = append(digits, 0)
			}
			if node == 0 {
				continue
			}
			p.at[node] = int32(len(p.vals))
			p.vals = append(p.vals, digits...)
		}
	}
	return p
}

// values applies every pattern matching the lower-cased letters of a word
// and returns, for each gap between them, the largest digit any pattern
// gave it: v[k] is the gap before letter k (v[0] and v[len] are the word's
// edges). An odd value allows a break.
func (p patterns) values(lower []rune) []uint8 {
	w := make([]rune, 0, len(lower)+2)
	w = append(append(append(w, '.'), lower...), '.')
	val := make([]uint8, len(w)+1)
	for i := range w {
		node := int32(0)
		for j := i; j < len(w); j++ {
			child, ok := p.next[edge(node, w[j])]
			if !ok {
				break
			}
			node = child
			if at := p.at[node]; at >= 0 {
				for t, d := range p.vals[at : int(at)+j-i+2] {
					val[i+t] = max(val[i+t], d)
				}
			}
		}
	}
	// Gap k+1 of the dotted word is the gap before letter k.
	return val[1:len(w)]
}

// parseExceptions reads hyph-utf8's .hyp.txt format: one word a line with
// hyphens where it may break ("as-so-ciate"); a word without hyphens must
// never break. It maps each lower-cased word to its breaks, as letter
// counts from the start.
func parseExceptions(data []byte) map[string][]int {
	ex := make(map[string][]int)
	var word strings.Builder
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "%") {
			continue
		}
		for _, w := range strings.Fields(line) {
			word.Reset()
			breaks := []int{}
			n := 0
			for _, r := range w {
				if r == '-' {
					breaks = append(breaks, n)
					continue
				}
				word.WriteRune(unicode.ToLower(r))
				n++
			}
			if word.Len() > 0 {
				ex[word.String()] = breaks
			}
		}
	}
	return ex
}
