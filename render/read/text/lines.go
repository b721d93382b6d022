package text

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one input line without its surrounding white space. An empty
// text is a blank line.
type line struct {
	text   string
	raw    string // the line with its indentation, for code
	indent int    // leading white space, a tab counted as four
	code   bool   // part of a code sample kept in the article
}

// block is a run of non-blank lines between blank lines.
type block []line

// splitLines normalises line endings (CRLF, CR, and the Unicode line and
// paragraph separators) and trims each line. Characters inside a line are
// kept exactly.
func splitLines(s string) []line {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.NewReplacer(
		"\r\n", "\n", "\r", "\n",
		"\u2028", "\n", "\u2029", "\n\n", "\f", "\n\n",
	).Replace(s)
	raw := strings.Split(s, "\n")
	out := make([]line, 0, len(raw))
	for _, r := range raw {
		indent := 0
		for _, c := range r {
			if c == '\t' {
				indent += 4
			} else if unicode.IsSpace(c) {
				indent++
			} else {
				break
			}
		}
		out = append(out, line{
			text:   strings.TrimFunc(r, unicode.IsSpace),
			raw:    strings.TrimRightFunc(r, unicode.IsSpace),
			indent: indent,
		})
	}
	return out
}

// splitBlocks cuts at blank lines, and where code meets prose; a code
// block keeps its inner blank lines.
func splitBlocks(lines []line) []block {
	var blocks []block
	var cur block
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, cur)
			cur = nil
		}
	}
	for _, l := range lines {
		if l.text == "" && !l.code {
			flush()
			continue
		}
		if len(cur) > 0 && cur[0].code != l.code {
			flush()
		}
		cur = append(cur, l)
	}
	flush()
	return blocks
}

func (b block) isCode() bool { return len(b) > 0 && b[0].code }

// oneLinePerBlock splits the blocks whose lines are paragraphs into a
// block per line.
func oneLinePerBlock(blocks []block, lay layout) []block {
	var out []block
	for _, b := range blocks {
		if b.isCode() || lay.wrapped || lay.breaks && !linesAreParagraphs(b) {
			out = append(out, b)
			continue
		}
		for _, l := range b {
			out = append(out, block{l})
		}
	}
	return out
}

// layout is the document-wide decision on what a line break means.
type layout struct {
	// wrapped: lines inside a block are pieces of one hard-wrapped
	// paragraph.
	wrapped bool
	// breaks: paragraphs are separated by blank lines, so a block of
	// several short lines is one paragraph with its line breaks kept (an
	// address, a verse, a <br> run); a block of long sentence lines is
	// still a paragraph per line. Neither wrapped nor breaks: every line
	// is a paragraph.
	breaks bool
	// width is the typical length of a wrapped line, in runes; a line well
	// short of it that does not run on is a title or a heading.
	width int
}

// Lines shorter than this say nothing about wrapping: titles, bylines,
// headings and list items are short whatever the layout.
const minWrapEvidence = 25

// detectLayout looks at every line break inside a block. In hard-wrapped
// text most such breaks fall mid-sentence (the line does not end a
// sentence, or the next line starts in lower case); in text with one
// paragraph per line almost none do. Nobody hard-wraps at paragraph
// length, so long lines veto wrapping. Text that is not wrapped either
// separates its paragraphs by blank lines (most blocks are one line) or
// puts one on each line.
func detectLayout(blocks []block) layout {
	lay := detectWrapping(blocks)
	if lay.wrapped {
		return lay
	}
	var single, multi int
	for _, b := range blocks {
		switch {
		case b.isCode():
		case len(b) == 1:
			single++
		default:
			multi++
		}
	}
	lay.breaks = single >= 3 && single >= 2*multi
	return lay
}

// linesAreParagraphs: most lines of the block are long and end a
// sentence, as paragraphs pasted one per line do; lines broken with <br>
// are short.
func linesAreParagraphs(b block) bool {
	n := 0
	for _, l := range b {
		if runeLen(l.text) >= 100 && endsSentence(l.text) {
			n++
		}
	}
	return n*2 >= len(b)
}

func detectWrapping(blocks []block) layout {
	var counted, cont, lower int
	var widths []int
	for bi, b := range blocks {
		if b.isCode() {
			continue
		}
		for i := 0; i+1 < len(b); i++ {
			a, n := b[i].text, b[i+1].text
			if bi == 0 && i == 0 {
				continue // the title candidate
			}
			if runeLen(a) < minWrapEvidence || isMetaLine(a) || isListItem(a) || isListItem(n) {
				continue
			}
			counted++
			if !endsSentence(a) || startsLower(n) {
				cont++
				widths = append(widths, runeLen(a))
				if startsLower(n) {
					lower++
				}
			}
		}
	}
	if cont == 0 || cont*2 <= counted || (cont < 2 && lower == 0) {
		return layout{}
	}
	sort.Ints(widths)
	median := widths[len(widths)/2]
	if median > 160 {
		return layout{}
	}
	// Lines far longer than the wrap width are paragraphs on one line:
	// the breaks counted above were in a verse, an address or a sample.
	var long, total int
	for _, b := range blocks {
		if b.isCode() {
			continue
		}
		for _, l := range b {
			total++
			if n := runeLen(l.text); n > 120 && n*2 > median*3 {
				long++
			}
		}
	}
	if long >= 2 && long*10 > total {
		return layout{}
	}
	return layout{wrapped: true, width: median}
}

func isMetaLine(s string) bool {
	if _, _, ok := parseByline(s); ok {
		return true
	}
	_, ok := parseDateline(s)
	return ok
}

// joinWrapped rejoins a hard-wrapped paragraph. A line ending in a hyphen
// after a letter is joined without a space: "well-" + "known" must stay
// "well-known", and a split word keeps its hyphen rather than lose a
// letter to a guess.
func joinWrapped(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			prev := parts[i-1]
			if !endsWithWordHyphen(prev) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func endsWithWordHyphen(s string) bool {
	if !strings.HasSuffix(s, "-") || strings.HasSuffix(s, " -") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, "-"))
	return unicode.IsLetter(r)
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// closers may follow the end of a sentence: "…peace.” (Reuters)".
const closers = "\"'”’»)]"

// endsSentence: the text ends with sentence-final punctuation, possibly
// inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:", r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// startsSentence: a capital, a digit, or an opening quote or bracket.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘«([", r)
}

// endsWithPeriod is a sentence-final full stop: not an ellipsis, not an
// initialism ("N.Y.C.", "U.S.") or a common abbreviation ("Inc.").
func endsWithPeriod(s string) bool {
	if !strings.HasSuffix(s, ".") || strings.HasSuffix(s, "..") {
		return false
	}
	f := strings.Fields(s)
	last := f[len(f)-1]
	return !initialism.MatchString(last) && !abbreviations[last]
}

var (
	initialism    = regexp.MustCompile(`^(?:\p{L}\.){2,}$`)
	abbreviations = map[string]bool{"Inc.": true, "Ltd.": true, "Co.": true, "Corp.": true, "Jr.": true, "Sr.": true, "St.": true, "etc.": true}
)

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
