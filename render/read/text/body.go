package text

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/offprint/offprint/render"
)

// unit is one paragraph-to-be: its text, and what its first line
// suggested it might be.
type unit struct {
	text   string // the text as read, list marker included
	single bool   // one input line, so it could be a heading
	item   *item  // it opens with a list marker
	code   bool   // a code sample: text keeps its lines and indentation
	breaks bool   // the text's newlines are line breaks in one paragraph
}

type item struct {
	ordered bool
	num     int
	mark    string // "-", "*", "•", … or "." / ")" after a number
	body    string // the text after the marker
}

// "+" is not a bullet in scraped text: it starts changelog lines
// ("+ Added slime blocks"), where it is a word the reader must keep.
var (
	bulletItem  = regexp.MustCompile(`^([-*•◦▪‣])\s+(\S.*)$`)
	orderedItem = regexp.MustCompile(`^(\d{1,3})([.)])\s+(\S.*)$`)
)

func listMarker(s string) (*item, bool) {
	if g := bulletItem.FindStringSubmatch(s); g != nil {
		return &item{mark: g[1], body: g[2]}, true
	}
	if g := orderedItem.FindStringSubmatch(s); g != nil {
		n, _ := strconv.Atoi(g[1])
		return &item{ordered: true, num: n, mark: g[2], body: g[3]}, true
	}
	return nil, false
}

func isListItem(s string) bool {
	_, ok := listMarker(s)
	return ok
}

// buildBlocks turns what is left after the masthead and the author box
// into paragraphs, lists and (rarely) headings.
func buildBlocks(blocks []block, lay layout, title string) []render.Block {
	var units []unit
	for _, b := range blocks {
		units = append(units, blockUnits(b, lay)...)
	}
	var out []render.Block
	for i := 0; i < len(units); i++ {
		u := units[i]
		if u.code {
			out = append(out, &render.CodeBlock{Text: u.text})
			continue
		}
		if n := changelog(units[i:]); n > 0 {
			var lines []string
			for _, c := range units[i : i+n] {
				lines = append(lines, c.text)
			}
			out = append(out, paragraph(strings.Join(lines, "\n"), true))
			i += n - 1
			continue
		}
		if u.item != nil {
			j := i + 1
			for j < len(units) && units[j].item != nil && units[j].item.ordered == u.item.ordered {
				j++
			}
			if list, n := makeList(units[i:j]); n > 0 {
				out = append(out, list)
				i += n - 1
				continue
			}
		}
		if isHeading(units, i) {
			out = append(out, &render.Heading{Level: 2, Text: []render.Inline{&render.Text{Text: u.text}}})
			continue
		}
		out = append(out, paragraph(removeLeakedTitle(u.text, title), u.breaks))
	}
	return out
}

// changelog is how many units from the first make a change log: lines
// that each start with "+", "-" or "*", at least one of them "+". There
// the signs say added, removed or changed, so they are kept as written,
// one line each, instead of becoming a list's bullets. 0 for none.
func changelog(units []unit) int {
	n, plus := 0, false
	for _, u := range units {
		if u.code || !changeLine(u.text) {
			break
		}
		plus = plus || strings.HasPrefix(u.text, "+")
		n++
	}
	if n < 2 || !plus {
		return 0
	}
	return n
}

func changeLine(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		if len(l) < 3 || !strings.ContainsRune("+-*", rune(l[0])) || l[1] != ' ' {
			return false
		}
	}
	return true
}

func paragraph(s string, breaks bool) *render.Paragraph {
	if !breaks || !strings.Contains(s, "\n") {
		return render.Para(s)
	}
	var runs []render.Inline
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			runs = append(runs, &render.LineBreak{})
		}
		runs = append(runs, &render.Text{Text: l})
	}
	return &render.Paragraph{Text: runs}
}

// blockUnits splits a block into units. With one paragraph per line the
// block is one line already. A wrapped block is one paragraph, and so is
// a block of lines where blank lines separate paragraphs (its line breaks
// kept), except that list markers start items and a short first line
// that does not run on is a heading candidate. Item lines run on where
// the text is wrapped, or where they are indented under their marker.
func blockUnits(b block, lay layout) []unit {
	if b.isCode() {
		return []unit{{text: codeText(b), code: true}}
	}
	if len(b) == 1 || !lay.wrapped && !lay.breaks {
		it, _ := listMarker(b[0].text)
		return []unit{{text: b[0].text, single: true, item: it}}
	}
	var units []unit
	var acc []string
	var cur *item
	itemIndent := 0
	flush := func() {
		if len(acc) == 0 {
			return
		}
		u := unit{single: len(acc) == 1}
		if cur != nil || lay.wrapped {
			u.text = joinWrapped(acc)
		} else {
			u.text = strings.Join(acc, "\n")
			u.breaks = true
		}
		if cur != nil {
			it := *cur
			it.body = strings.TrimSpace(strings.TrimPrefix(u.text, itemPrefix(u.text)))
			u.item = &it
		}
		units = append(units, u)
		acc, cur = nil, nil
	}
	for i, l := range b {
		if it, ok := listMarker(l.text); ok {
			flush()
			cur, itemIndent = it, l.indent
			acc = append(acc, l.text)
			continue
		}
		if cur != nil && !lay.wrapped && l.indent <= itemIndent {
			flush()
		}
		if i == 0 && headingLike(l.text) && startsSentence(b[1].text) &&
			(lay.breaks || runeLen(l.text)*10 <= lay.width*6) {
			acc = append(acc, l.text)
			flush()
			continue
		}
		acc = append(acc, l.text)
	}
	flush()
	return units
}

// codeText is the sample's lines with the indentation they share
// removed.
func codeText(b block) string {
	prefix := ""
	first := true
	for _, l := range b {
		if l.text == "" {
			continue
		}
		ws := l.raw[:len(l.raw)-len(strings.TrimLeftFunc(l.raw, unicode.IsSpace))]
		if first {
			prefix, first = ws, false
			continue
		}
		for !strings.HasPrefix(ws, prefix) {
			_, size := utf8.DecodeLastRuneInString(prefix)
			prefix = prefix[:len(prefix)-size]
		}
	}
	lines := make([]string, len(b))
	for i, l := range b {
		lines[i] = strings.TrimPrefix(l.raw, prefix)
	}
	return strings.Join(lines, "\n")
}

// itemPrefix is the marker and its space at the start of an item's text.
func itemPrefix(s string) string {
	if g := bulletItem.FindStringSubmatchIndex(s); g != nil {
		return s[:g[4]]
	}
	if g := orderedItem.FindStringSubmatchIndex(s); g != nil {
		return s[:g[6]]
	}
	return ""
}

// makeList accepts a run of items as a list when it is sure: two or more
// items, numbered ones counting up by one (the list ends where they stop
// counting); a single item only with a bullet character nobody types by
// accident. It returns how many units the list took, 0 for none.
func makeList(run []unit) (*render.List, int) {
	first := run[0].item
	if first.ordered {
		n := 1
		for n < len(run) && run[n].item.num == first.num+n {
			n++
		}
		run = run[:n]
	}
	if len(run) < 2 && (first.ordered || strings.Contains("-*+", first.mark)) {
		return nil, 0
	}
	list := &render.List{Ordered: first.ordered}
	for _, u := range run {
		list.Items = append(list.Items, []render.Block{render.Para(u.item.body)})
	}
	if first.ordered && first.num != 1 {
		list.Start = first.num
	}
	return list, len(run)
}

// isHeading is conservative: a short title-case or capitalised line of
// two words or more, after the end of a sentence (not after a caption or
// another fragment) and followed by a real paragraph at least twice its
// length that ends a sentence. Photo credits, datelines and figures look
// like headings and are not. Anything less sure stays a paragraph.
func isHeading(units []unit, i int) bool {
	u := units[i]
	if !u.single || u.item != nil || u.code || u.breaks || i+1 >= len(units) ||
		!headingLike(u.text) || len(strings.Fields(u.text)) < 2 || notHeading.MatchString(u.text) || isMetaLine(u.text) {
		return false
	}
	if i > 0 {
		if prev := units[i-1]; prev.item == nil && !prev.code && !endsSentence(prev.text) {
			return false
		}
	}
	next := units[i+1]
	if next.item != nil || next.code || runeLen(next.text) < 2*runeLen(u.text) || runeLen(next.text) < 60 || !endsSentence(next.text) {
		return false
	}
	return !(next.single && headingLike(next.text))
}

// notHeading: credits, and lines with dates, times or figures in them.
var notHeading = regexp.MustCompile(`(?i)^(?:photo|photograph|image|picture|foto|credit|illustration|cartoon|video|graphic|source|courtesy|posted|published|updated)\b` +
	`|\d[:%]|%|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)|` +
	`getty images|shutterstock|\S/\S|^(?:powered|sponsored|presented|brought to you) by\b`)

// minorWords may stay lower case in a title-case heading.
var minorWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true,
	"for": true, "so": true, "yet": true, "of": true, "in": true, "on": true, "at": true,
	"to": true, "by": true, "up": true, "as": true, "via": true, "with": true, "from": true,
	"into": true, "over": true, "vs": true, "vs.": true, "per": true, "than": true, "is": true,
}

const maxHeading = 80

// headingLike: under 80 characters, no closing period, comma or colon,
// twelve words at most, starting with a letter or digit, and either in
// capitals or in title case.
func headingLike(s string) bool {
	n := runeLen(s)
	if n < 3 || n > maxHeading || !hasLetter(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".,;:…\"”’'-–—", last) || strings.Contains(s, ". ") {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 12 {
		return false
	}
	if strings.ToUpper(s) == s {
		return true
	}
	for i, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			continue
		}
		c, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(c) || unicode.IsDigit(c) {
			continue
		}
		if i > 0 && minorWords[strings.ToLower(w)] {
			continue
		}
		return false
	}
	return true
}

// removeLeakedTitle takes the title out of a paragraph where it stands
// between two sentences (". TITLE Capital…"): image alt text or a caption
// that the scrape ran into the prose. Where the title is part of a
// sentence it stays. Titles under three words are too likely to be
// ordinary words to be touched.
func removeLeakedTitle(p, title string) string {
	if len(strings.Fields(title)) < 3 {
		return p
	}
	var b strings.Builder
	i := 0
	for {
		j := strings.Index(p[i:], title)
		if j < 0 {
			break
		}
		j += i
		end := j + len(title)
		if j > 0 && p[j-1] == ' ' && endsFullSentence(p[:j-1]) &&
			end < len(p) && p[end] == ' ' && startsSentence(p[end+1:]) {
			b.WriteString(p[i:j])
			i = end + 1
			continue
		}
		b.WriteString(p[i:end])
		i = end
	}
	b.WriteString(p[i:])
	return b.String()
}

// endsFullSentence is stricter than endsSentence: a colon introduces what
// follows, so a title after one may be part of the sentence.
func endsFullSentence(s string) bool {
	s = strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…", r)
}
