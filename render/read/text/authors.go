package text

import (
	"regexp"
	"strings"

	"github.com/offprint/offprint/render"
)

var (
	// authorHeading opens the author box: "Author", "Authors", "About the
	// author:", optionally with the names or the bio after a colon.
	authorHeading = regexp.MustCompile(`(?i)^(about\s+the\s+(?:authors?|writers?)|the\s+authors?|authors?)\s*(?::\s*(.*))?$`)
	bullet        = regexp.MustCompile(`^[•\-*·◦▪‣]\s+`)
)

const (
	// An author box is short: a few names and a bio each. A heading
	// "Authors" followed by more than this is article text.
	maxAuthorUnits = 12
	maxAuthorRunes = 6000
)

// authorUnit is a name line or a bio paragraph of the author box.
type authorUnit struct{ name, bio string }

// takeAuthorSection takes the author box from the end of the text: the
// last block that opens with an author heading and everything after it,
// when that is short and made of name lines and bio paragraphs. Names may
// carry bullets; bios may be indented or not.
func takeAuthorSection(blocks []block) ([]render.Author, []block) {
	for bi := len(blocks) - 1; bi >= 1; bi-- {
		g := authorHeading.FindStringSubmatch(blocks[bi][0].text)
		if g == nil {
			continue
		}
		if !hasSentence(blocks[:bi]) {
			return nil, blocks // an author box follows an article
		}
		units, ok := authorUnits(g, blocks[bi][1:], blocks[bi+1:])
		if !ok {
			return nil, blocks
		}
		return assignBios(units), blocks[:bi]
	}
	return nil, blocks
}

func hasSentence(blocks []block) bool {
	for _, b := range blocks {
		for _, l := range b {
			if !l.code && endsSentence(l.text) {
				return true
			}
		}
	}
	return false
}

func authorUnits(heading []string, rest block, after []block) ([]authorUnit, bool) {
	var units []authorUnit
	section := append([]block{rest}, after...)
	if inline := strings.TrimSpace(heading[2]); inline != "" {
		if names, ok := parseNames(inline, false); ok {
			for _, n := range names {
				units = append(units, authorUnit{name: n})
			}
		} else if strings.HasPrefix(strings.ToLower(heading[1]), "about") {
			// "About the author: Jane Doe is …": the bio starts here and
			// runs on in the rest of the block.
			section[0] = append(block{{text: inline}}, rest...)
		} else {
			return nil, false
		}
	}
	runes := 0
	for _, b := range section {
		if b.isCode() {
			return nil, false
		}
		var acc []string
		flush := func() {
			if len(acc) > 0 {
				units = append(units, authorUnit{bio: joinWrapped(acc)})
				acc = nil
			}
		}
		for _, l := range b {
			runes += runeLen(l.text)
			if names, ok := parseNames(bullet.ReplaceAllString(l.text, ""), false); ok {
				flush()
				for _, n := range names {
					units = append(units, authorUnit{name: n})
				}
				continue
			}
			acc = append(acc, l.text)
		}
		flush()
	}
	if len(units) == 0 || len(units) > maxAuthorUnits || runes > maxAuthorRunes {
		return nil, false
	}
	return units, true
}

// assignBios gives each bio paragraph to the author it names near its
// start; failing that, to the first named author still without a bio
// (names listed first, bios after), else to the last named (a second
// paragraph). A bio before any name stays unnamed for mergeAuthors.
func assignBios(units []authorUnit) []render.Author {
	var authors []render.Author
	for _, u := range units {
		if u.name != "" {
			authors = addAuthor(authors, render.Author{Name: u.name})
			continue
		}
		target := mentioned(authors, u.bio)
		if target < 0 {
			for i, a := range authors {
				if a.Bio == "" {
					target = i
					break
				}
			}
		}
		if target < 0 && len(authors) > 0 {
			target = len(authors) - 1
		}
		if target < 0 {
			authors = append(authors, render.Author{Bio: u.bio})
			continue
		}
		authors[target].Bio = joinBio(authors[target].Bio, u.bio)
	}
	return authors
}

// mentioned is the index of the named author that a bio speaks of in its
// first words ("Jane Doe is…", "Doe writes…"), or -1.
func mentioned(authors []render.Author, bio string) int {
	start := strings.ToLower(bio)
	if r := []rune(start); len(r) > 80 {
		start = string(r[:80])
	}
	for i, a := range authors {
		key := nameKey(a.Name)
		if key == "" {
			continue
		}
		words := strings.Fields(key)
		surname := words[len(words)-1]
		if strings.Contains(start, key) || len([]rune(surname)) >= 3 && strings.HasPrefix(start, surname+" ") {
			return i
		}
	}
	return -1
}

// mergeAuthors joins the byline's authors with the author box's: the same
// person (honorifics aside) once, with the bio. A bio that names nobody
// goes to the byline's only author; else to the name it starts with.
func mergeAuthors(head, tail []render.Author) []render.Author {
	out := append([]render.Author{}, head...)
	for _, a := range tail {
		if a.Name != "" {
			out = addAuthor(out, a)
			continue
		}
		i := mentioned(out, a.Bio)
		if i < 0 && len(out) == 1 {
			i = 0
		}
		if i >= 0 {
			out[i].Bio = joinBio(out[i].Bio, a.Bio)
			continue
		}
		out = append(out, render.Author{Name: leadingName(a.Bio), Bio: a.Bio})
	}
	return out
}

// leadingName is the name a bio opens with, "Jane Doe is a reporter…" or
// "Jane Doe, a reporter…", or "" when it does not open with one.
func leadingName(bio string) string {
	words := strings.Fields(bio)
	for n := 2; n <= 6 && n < len(words); n++ {
		cand := strings.Join(words[:n], " ")
		if strings.HasSuffix(cand, ",") {
			if c := strings.TrimSuffix(cand, ","); isName(c) {
				return c
			}
			return ""
		}
		if isName(cand) && startsLower(words[n]) {
			return cand
		}
	}
	return ""
}
