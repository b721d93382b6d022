package text

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/offprint/offprint/render"
)

// header is what the top of a scraped page says about the article.
type header struct {
	title   string
	authors []render.Author
	date    string
}

const (
	// maxTitle: longer than this, the first line is a paragraph.
	maxTitle = 200
	// headerLines bounds how far down a byline or dateline is looked for.
	headerLines = 6
	// bodyStarted: a line this long is article text; the masthead is over.
	bodyStarted = 250
)

// takeHeader takes the title, its immediate repeat, bylines and datelines
// from the top of the text. Only whole lines at the start of a block are
// taken, so "by Jane Doe" wrapped into the middle of a sentence stays put.
func takeHeader(blocks []block, lay layout) (header, []block) {
	var h header
	blocks, doubled := findDoubledTitle(blocks)
	titleSettled := false // the first line that is not a byline or dateline decides the title
	afterTitle := false
	seen := 0
	out := make([]block, 0, len(blocks))
	stop := false
	for bi, b := range blocks {
		if b.isCode() {
			stop = true
		}
		for !stop && len(b) > 0 && seen < headerLines {
			t := b[0].text
			if runeLen(t) > bodyStarted {
				stop = true
				break
			}
			seen++
			if afterTitle && sameTitle(t, h.title) {
				afterTitle = false
				b = b[1:]
				continue
			}
			afterTitle = false
			if names, date, ok := parseByline(t); ok {
				for _, n := range names {
					h.authors = addAuthor(h.authors, render.Author{Name: n})
				}
				if h.date == "" {
					h.date = date
				}
				b = b[1:]
				continue
			}
			if d, ok := parseDateline(t); ok {
				if h.date == "" {
					h.date = d
				}
				b = b[1:]
				continue
			}
			if !titleSettled && doubled != "" && !sameTitle(t, doubled) {
				break // a kicker or section name above the title: article text
			}
			if !titleSettled {
				titleSettled = true
				if isTitle(b, lay) {
					h.title = t
					afterTitle = true
					b = b[1:]
					continue
				}
			}
			break
		}
		if len(b) > 0 {
			out = append(out, b)
		}
		// A block that still holds lines is article text; a long one means
		// the body has begun.
		if len(b) > 2 {
			stop = true
		}
		if stop || seen >= headerLines {
			return h, append(out, blocks[bi+1:]...)
		}
	}
	return h, out
}

// findDoubledTitle: print views often give the title twice in a row,
// under a section name or kicker ("World"). A title-shaped line of two
// words or more, repeated at once above the first sentence of the body,
// is the title; its block is cut before it so that takeHeader finds it at
// the start of one.
func findDoubledTitle(blocks []block) ([]block, string) {
	type at struct{ b, i int }
	var seen []at
scan:
	for bi, b := range blocks {
		for li, l := range b {
			if len(seen) > headerLines || endsSentence(l.text) && isProse(l.text) {
				break scan // the body has begun
			}
			seen = append(seen, at{bi, li})
		}
	}
	text := func(p at) string { return blocks[p.b][p.i].text }
	for k := 1; k+1 < len(seen); k++ {
		t := text(seen[k])
		if !sameTitle(text(seen[k+1]), t) || !titleShaped(t) || len(strings.Fields(t)) < 2 || isMetaLine(t) {
			continue
		}
		if p := seen[k]; p.i > 0 {
			b := blocks[p.b]
			out := append([]block{}, blocks[:p.b]...)
			out = append(out, b[:p.i], b[p.i:])
			blocks = append(out, blocks[p.b+1:]...)
		}
		return blocks, t
	}
	return blocks, ""
}

// titleShaped: short enough for a title, with letters, not ending like a
// sentence or a clause, not a list item.
func titleShaped(t string) bool {
	return runeLen(t) <= maxTitle && hasLetter(t) && !endsWithPeriod(t) &&
		!strings.HasSuffix(t, ",") && !strings.HasSuffix(t, ";") &&
		!(strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "::")) && !isListItem(t)
}

// isTitle: the block's first line is short enough to be a title and does
// not end a sentence. In wrapped text the first line of a block may be the
// start of a paragraph; it is a title only when the next line is
// masthead, or when it is well short of the wrap width and the next line
// starts afresh.
func isTitle(b block, lay layout) bool {
	t := b[0].text
	n := runeLen(t)
	if !titleShaped(t) {
		return false
	}
	if len(b) == 1 || !lay.wrapped && !lay.breaks {
		return true
	}
	next := b[1].text
	if isMetaLine(next) || sameTitle(next, t) {
		return true
	}
	if lay.breaks {
		return true // a title block: the lines under it are a dek or a byline
	}
	return n*10 <= lay.width*6 && startsSentence(next)
}

// sameTitle compares case- and space-insensitively: print views repeat the
// title in another case ("RUSSIA AND UKRAINE …").
func sameTitle(a, b string) bool {
	if b == "" {
		return false
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(a) == norm(b)
}

// ---- datelines ----

var (
	datePrefix = regexp.MustCompile(`(?i)^(?:(?:first|originally|last)\s+)?(?:published|updated|posted|modified|date|dated)(?:\s+on)?\s*:?\s*`)
	weekday    = regexp.MustCompile(`(?i)^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+`)
	dateMDY    = regexp.MustCompile(`^(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`)
	dateDMY    = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(\p{L}{3,9})\.?,?\s+(\d{4})`)
	dateYMD    = regexp.MustCompile(`^(\d{4})([-/])(\d{1,2})([-/])(\d{1,2})`)
	// What may follow a date on a dateline: a time, a zone.
	dateTail = regexp.MustCompile(`^(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?` +
		`(?:[\s,]*(?:at\s+)?\d{1,2}(?:[:.]\d{2}){0,2}\s*(?:[aApP]\.?[mM]\.?)?)?` +
		`(?:\s*\(?(?:[A-Z]{2,5}|UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?\s*$`)
	dateSegments = regexp.MustCompile(`\s+[|·•]\s+|\s*\|\s*`)
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// parseDateline recognises a line that is nothing but a date (with an
// optional "Published:"/"Updated" label, weekday and time) and returns it
// as 2006-01-02. "Published May 17 | Updated May 18" gives the first.
func parseDateline(s string) (string, bool) {
	if runeLen(s) > 100 {
		return "", false
	}
	first := ""
	for _, seg := range dateSegments.Split(strings.TrimSpace(s), -1) {
		d, ok := parseOneDate(seg)
		if !ok {
			return "", false
		}
		if first == "" {
			first = d
		}
	}
	return first, first != ""
}

func parseOneDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = datePrefix.ReplaceAllString(s, "")
	s = weekday.ReplaceAllString(s, "")
	var y, d int
	var m time.Month
	var rest string
	if g := dateMDY.FindStringSubmatch(s); g != nil {
		m = months[strings.ToLower(g[1])]
		d, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
		rest = s[len(g[0]):]
	} else if g := dateDMY.FindStringSubmatch(s); g != nil {
		d, _ = strconv.Atoi(g[1])
		m = months[strings.ToLower(g[2])]
		y, _ = strconv.Atoi(g[3])
		rest = s[len(g[0]):]
	} else if g := dateYMD.FindStringSubmatch(s); g != nil && g[2] == g[4] {
		y, _ = strconv.Atoi(g[1])
		mm, _ := strconv.Atoi(g[3])
		m = time.Month(mm)
		d, _ = strconv.Atoi(g[5])
		rest = s[len(g[0]):]
	} else {
		return "", false
	}
	if m < 1 || m > 12 || y < 1800 || y > 2200 || d < 1 {
		return "", false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 June and the like
		return "", false
	}
	if !dateTail.MatchString(rest) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

// ---- bylines ----

var (
	bylineRe = regexp.MustCompile(`(?i)^(?:(?:written|words|story|reporting|text)\s+)?by\s*:?\s+(.+)$`)
	// "Author: Jane Doe" at the top; at the end it opens the author box.
	authorLabel = regexp.MustCompile(`(?i)^authors?\s*:\s*(.+)$`)
	bylineSeg   = regexp.MustCompile(`\s+[|·•—–-]\s+|\s*\|\s*`)
	nameSplit   = regexp.MustCompile(`\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+`)
	dateJoin    = regexp.MustCompile(`(?:,|\s+on)\s+`)
)

// parseByline recognises "By NAME", "by NAME and NAME", "By NAME, Staff
// Writer", "By NAME | May 17, 2025". Every part of the line must be a
// name, a role or a date, or it is not a byline: "By the time we
// arrived…" is a sentence.
func parseByline(s string) (names []string, date string, ok bool) {
	if runeLen(s) > 150 {
		return nil, "", false
	}
	g := bylineRe.FindStringSubmatch(s)
	if g == nil {
		if g = authorLabel.FindStringSubmatch(s); g == nil {
			return nil, "", false
		}
	}
	segs := bylineSeg.Split(strings.TrimSpace(g[1]), -1)
	head, date := splitDateSuffix(segs[0])
	names, ok = parseNames(head, true)
	if !ok {
		return nil, "", false
	}
	for _, seg := range segs[1:] {
		if d, isDate := parseDateline(seg); isDate {
			if date == "" {
				date = d
			}
			continue
		}
		if !isRole(seg) {
			return nil, "", false
		}
	}
	return names, date, true
}

// splitDateSuffix splits "Jane Doe, May 17, 2025" or "Jane Doe on 17 May
// 2025" into the names and the date.
func splitDateSuffix(s string) (string, string) {
	for _, loc := range dateJoin.FindAllStringIndex(s, -1) {
		if d, ok := parseDateline(s[loc[1]:]); ok {
			return s[:loc[0]], d
		}
	}
	return s, ""
}

// parseNames reads "A", "A and B", "A, B, and C", "A, Staff Writer". A
// role may follow the names; anything else fails.
func parseNames(s string, allowRole bool) ([]string, bool) {
	var names []string
	for _, part := range nameSplit.Split(strings.TrimSpace(s), -1) {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
			continue
		case isRole(part):
			if !allowRole || len(names) == 0 {
				return nil, false
			}
		case isName(part):
			names = append(names, part)
		default:
			return nil, false
		}
	}
	return names, len(names) > 0
}

// particles are the lower-case words a personal name may hold.
var particles = map[string]bool{
	"de": true, "da": true, "di": true, "do": true, "dos": true, "das": true, "du": true,
	"del": true, "della": true, "der": true, "den": true, "van": true, "von": true,
	"la": true, "le": true, "bin": true, "binti": true, "ibn": true, "al": true, "el": true,
	"y": true, "e": true, "ter": true, "zu": true,
}

// isName: two to six capitalised words (particles and initials allowed),
// letters only apart from . - ' ’. One word is not enough evidence: a
// line "Reuters" or "Conclusion" is not a person.
func isName(s string) bool {
	if runeLen(s) > 60 {
		return false
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 {
		return false
	}
	for i, w := range words {
		if particles[w] && i > 0 && i < len(words)-1 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !strings.ContainsRune(".-'’", c) {
				return false
			}
		}
	}
	return true
}

// roleWords mark the part of a byline that says what the person is or
// whom they write for, rather than who.
var roleWords = map[string]bool{
	"writer": true, "reporter": true, "correspondent": true, "editor": true,
	"contributor": true, "columnist": true, "staff": true, "journalist": true,
	"analyst": true, "producer": true, "fellow": true, "professor": true,
	"critic": true, "bureau": true, "chief": true, "desk": true, "news": true,
	"press": true, "agency": true, "reuters": true, "afp": true, "ap": true,
	"bloomberg": true, "contributing": true, "senior": true, "special": true,
	"researcher": true, "author": true, "team": true, "wire": true,
}

func isRole(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		if roleWords[strings.ToLower(strings.Trim(w, ".,()"))] {
			return true
		}
	}
	return false
}

// honorifics are left out when names are compared.
var honorifics = map[string]bool{
	"dr": true, "dr.": true, "prof": true, "prof.": true, "professor": true,
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true,
	"sir": true, "dame": true,
}

// nameKey is a name without honorifics, lower-cased, for matching the
// byline's "Dr. Jane Doe" with the bio's "Jane Doe is …".
func nameKey(s string) string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if !honorifics[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

func addAuthor(list []render.Author, a render.Author) []render.Author {
	for i := range list {
		if nameKey(list[i].Name) == nameKey(a.Name) {
			if a.Bio != "" {
				list[i].Bio = joinBio(list[i].Bio, a.Bio)
			}
			return list
		}
	}
	return append(list, a)
}

// joinBio keeps a bio's paragraphs apart with a blank line.
func joinBio(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}
