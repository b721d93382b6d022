package printlayout

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/labels"
	"github.com/offprint/offprint/render/layout"
)

// builder turns the document into a flow of blocks of rows, each row able
// to draw itself at any height on any page; pagination then decides where
// the rows go.
type builder struct {
	tf  *typeface
	geo Geometry
	doc *render.Document
	opt render.Options

	out    *[]flowBlock // where emit appends: the body, or a note
	blocks []flowBlock

	// hyphenator is for the document's language, nil when we have no
	// patterns for it.
	hyphenator layout.Hyphenator
	breakLines layout.Breaker

	// where the rows being made come from (see Source): the part, the
	// note, the path of the block, and the letters of the block's text
	// already set in earlier rows
	part    Part
	noteID  string
	path    []int
	letters int
	base    int // added to the next flow's first index (see flowNote)
	links   int // links handed out

	pagesOnly bool // for PageMap: no image data is made for drawing

	notes     map[string]*note
	footIndex map[string]*render.Footnote
	placing   bool    // rows made now may carry footnotes to their page
	noteList  []*note // in the order of their first call
	label     *note   // the note whose number the next paragraph starts with
	endnotes  bool    // notes go to a "Notes" section instead of the page foot

	outlineLevel int
	minLevel     int // the highest heading level in the body: outline level 1
	nextQuote    int
	images       []Image
	pendingGap   float64
}

// flowBlock is a layout.Block with the rows that draw it.
type flowBlock struct {
	space         float64 // the gap before, worked out by emit
	before, after float64
	heading       bool // its after is the exact gap to the next block
	rows          []row
	orphans       int
	widows        int
	keep          bool
}

// row is one unit of pagination.
type row struct {
	h        float64
	baseline float64 // from the row's top, where a list marker sits
	notes    []*note // the footnotes first called in this row
	// hyphenated rows end in a hyphen: a page should not end after them
	hyphenated bool
	quotes     []quoteBar
	src        Source
	sourced    bool // src is set; emit sets it for rows made without text
	draw       func(p *painter, top float64)
}

// quoteBar is the rule beside a block quote; rows of the same quote that
// follow each other on a page get one unbroken rule.
type quoteBar struct {
	id int
	x  float64
}

// note is a footnote, numbered by its first call.
type note struct {
	id     string
	num    int
	fn     *render.Footnote
	link   int  // the note, for its calls
	back   int  // its first call, for the note's number
	called bool // back has been set: the first call is drawn
	placed bool // its first call has been set in a body row
	parts  []placedRow
	height float64
}

type placedRow struct {
	y float64
	r row
}

// box is where nested blocks are set: a column and its type.
type box struct {
	x, width float64
	size     float64
	lead     float64
	italic   bool
	gap      float64 // between paragraphs
	quotes   []quoteBar
	outline  bool // headings here go into the PDF outline
}

func (b *builder) emit(fb flowBlock) {
	if len(fb.rows) == 0 {
		return
	}
	for i := range fb.rows {
		if !fb.rows[i].sourced {
			fb.rows[i].src, fb.rows[i].sourced = b.source(b.letters), true
		}
	}
	out := *b.out
	if n := len(out); n > 0 {
		prev := out[n-1]
		if prev.heading {
			fb.space = prev.after
		} else {
			fb.space = max(prev.after, fb.before, b.pendingGap)
		}
	}
	b.pendingGap = 0
	*b.out = append(out, fb)
}

// build lays out the whole document: masthead, body, notes, the authors.
func (b *builder) build() (err error) {
	b.out = &b.blocks
	g := b.geo
	body := box{x: g.Left, width: g.Measure(), size: g.Body, lead: g.Leading, gap: paragraphGap * g.Leading, outline: true}
	b.minLevel = 0
	for _, blk := range b.doc.Blocks {
		if h, ok := blk.(*render.Heading); ok && (b.minLevel == 0 || h.Level < b.minLevel) {
			b.minLevel = max(h.Level, 1)
		}
	}
	b.placing = true
	b.part = Masthead
	b.masthead(body)
	b.part = Body
	b.flow(b.doc.Blocks, body, 0)
	b.layoutNotes(body)
	b.endNotes(body)
	b.aboutAuthors(body)
	return nil
}

func (b *builder) flow(blocks []render.Block, c box, depth int) {
	base := b.base
	b.base = 0
	for i, blk := range blocks {
		b.enter(i + base)
		switch blk := blk.(type) {
		case *render.Heading:
			b.heading(blk.Text, blk.Level, blk.Level-b.minLevel+1, c)
		case *render.Paragraph:
			b.paragraph(blk.Text, c, true)
			if i+1 < len(blocks) && leadsIn(blk, blocks[i+1]) {
				b.keepShortLast()
			}
		case *render.Quote:
			b.quote(blk, c, depth)
		case *render.List:
			b.list(blk, c, depth)
		case *render.Image:
			b.image(blk, c)
		case *render.Rule:
			b.rule(c)
		case *render.CodeBlock:
			b.code(blk.Text, c)
		case *render.Table:
			b.table(blk, c)
		case *render.Footnote:
			// set where it is called: at the foot of the page, or in Notes
		}
		b.leave()
	}
}

// enter starts the block at index i of the blocks being set, a step
// deeper in the path; a negative index is a block the document does not
// have (a note's number with nothing after it), which keeps the path.
func (b *builder) enter(i int) {
	if i >= 0 {
		b.path = append(b.path, i)
	} else {
		b.path = append(b.path, -1)
	}
	b.letters = 0
}

func (b *builder) leave() { b.path = b.path[:len(b.path)-1] }

// source is where text at letter n of the current block comes from.
func (b *builder) source(n int) Source {
	var path []int
	for _, i := range b.path {
		if i < 0 {
			break
		}
		path = append(path, i)
	}
	return Source{Part: b.part, Note: b.noteID, Path: path, Letters: n}
}

// letterCount counts what Source.Letters counts in a box: letters and
// digits of the text, nothing of a note's number or its label.
func letterCount(it layout.Item) int {
	if it.Kind != layout.KindBox {
		return 0
	}
	sp := it.Content.(layout.Span)
	if st := sp.Style.(style); st.note > 0 || st.backTo > 0 {
		return 0
	}
	n := 0
	for _, r := range sp.Text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// textRows sets broken lines as rows of one height.
func (b *builder) textRows(items []layout.Item, lines []layout.Line, x, lead, size float64) []row {
	base := 0.5*lead + 0.3*size
	rows := make([]row, 0, len(lines))
	before := make([]int, len(items)+1) // letters before each item
	for i, it := range items {
		before[i+1] = before[i] + letterCount(it)
	}
	for li, l := range lines {
		r := row{h: lead, baseline: base, src: b.source(b.letters + before[wordStart(items, lines, li)]), sourced: true}
		if it, ok := l.BreakItem(items); ok && it.Kind == layout.KindPenalty && it.Flagged {
			r.hyphenated = true
		}
		for _, it := range items[l.Start:l.End] {
			if it.Kind != layout.KindBox {
				continue
			}
			if st := it.Content.(layout.Span).Style.(style); st.note > 0 {
				if n := b.noteList[st.note-1]; !n.placed && b.placing {
					n.placed = true
					r.notes = append(r.notes, n)
				}
			}
		}
		set := lineRuns(items, l, x)
		r.draw = func(p *painter, top float64) { p.textLine(set, top+base) }
		rows = append(rows, r)
	}
	b.letters += before[len(items)]
	return rows
}

// wordStart is the item where the first word of line li begins: its
// first box, or, when the line before ends in a hyphen, the start of
// the word that hyphen broke.
func wordStart(items []layout.Item, lines []layout.Line, li int) int {
	l := lines[li]
	i := l.Start
	for i < l.End && items[i].Kind != layout.KindBox {
		i++
	}
	if li == 0 {
		return i
	}
	if it, ok := lines[li-1].BreakItem(items); !ok || it.Kind != layout.KindPenalty || !it.Flagged {
		return i
	}
	for i > 0 && (items[i-1].Kind == layout.KindBox || items[i-1].Kind == layout.KindPenalty && items[i-1].Flagged) {
		i--
	}
	return i
}

// setText breaks styled text to a width and returns its rows. Justified
// text is hyphenated in the document's language; ragged text (headings,
// captions, code) is not.
func (b *builder) setText(spans []layout.Span, x, width, lead, size float64, justify bool) []row {
	opt := layout.TextOptions{Justify: justify, MaxWidth: width, MinScale: min(minWordSize/size, 1)}
	if justify {
		opt.Hyphenator = b.hyphenator
	}
	items := layout.Words(spans, b.measure(), opt)
	if !hasBox(items) {
		return nil
	}
	return b.textRows(items, b.breakLines(items, layout.Uniform(width)), x, lead, size)
}

func hasBox(items []layout.Item) bool {
	for _, it := range items {
		if it.Kind == layout.KindBox {
			return true
		}
	}
	return false
}

func withQuotes(rows []row, q []quoteBar) []row {
	for i := range rows {
		rows[i].quotes = q
	}
	return rows
}

func (b *builder) paragraph(runs []render.Inline, c box, justify bool) {
	st := style{face: serif.with(false, c.italic), size: c.size, color: black}
	var spans []layout.Span
	if b.label != nil {
		spans = b.labelSpans(st)
	}
	rows := b.setText(append(spans, b.spans(runs, st)...), c.x, c.width, c.lead, c.size, justify)
	b.emit(flowBlock{before: c.gap, after: c.gap, rows: withQuotes(rows, c.quotes), orphans: 2, widows: 2})
}

// headingSize scales the body size by level: sections stand out without
// shouting at the title.
func headingSize(level int, body float64) float64 {
	switch level {
	case 1:
		return h1Scale * body
	case 2:
		return h2Scale * body
	case 3:
		return h3Scale * body
	}
	return body
}

// heading sets a heading in the sans bold at the size of its level; in the
// body it also goes into the outline, at outline (nested at most one
// deeper than the heading before).
func (b *builder) heading(runs []render.Inline, level, outline int, c box) {
	size := headingSize(level, c.size)
	lead := headingLeading * size
	st := style{face: sansBold, size: size, color: black}
	rows := b.setText(b.spans(runs, st), c.x, c.width, lead, size, false)
	if len(rows) == 0 {
		return
	}
	if c.outline {
		lvl := min(max(outline, 1), b.outlineLevel+1)
		b.outlineLevel = lvl
		title := b.tf.clean(strings.Join(strings.Fields(render.Plain(runs)), " "), sansBold)
		draw := rows[0].draw
		rows[0].draw = func(p *painter, top float64) {
			draw(p, top)
			p.c.Bookmark(title, lvl, top)
		}
	}
	before := headingBefore * c.lead
	if level > 2 {
		before = headingBeforeH3 * c.lead
	}
	b.emit(flowBlock{before: before, after: headingAfter * c.lead, heading: true, keep: true,
		rows: withQuotes(rows, c.quotes), orphans: len(rows)})
}

func (b *builder) quote(q *render.Quote, c box, depth int) {
	indent := 1.5 * c.size
	inner := b.indent(c, indent, indent)
	inner.size = quoteScale * c.size
	inner.lead = leadingRatio * inner.size
	inner.outline = false
	b.nextQuote++
	inner.quotes = append(append([]quoteBar(nil), c.quotes...), quoteBar{id: b.nextQuote, x: c.x + 0.45*indent})
	b.pendingGap = max(b.pendingGap, quoteGap*c.lead)
	b.flow(q.Blocks, inner, depth)
	if len(q.Attribution) > 0 {
		b.enter(len(q.Blocks))
		defer b.leave()
		runs := append([]render.Inline{&render.Text{Text: "— "}}, q.Attribution...)
		st := style{face: serifItalic, size: inner.size, color: black}
		rows := b.setText(b.spans(runs, st), inner.x, inner.width, inner.lead, inner.size, false)
		b.emit(flowBlock{before: 0.3 * inner.lead, rows: withQuotes(rows, inner.quotes), orphans: 2, widows: 2})
	}
	if out := *b.out; len(out) > 0 {
		out[len(out)-1].after = max(out[len(out)-1].after, quoteGap*c.lead)
	}
}

// indent narrows a box, but never below 40% of the measure: deeply nested
// quotes and lists stop indenting rather than squeeze the text out.
func (b *builder) indent(c box, left, right float64) box {
	if c.width-left-right < 0.4*b.geo.Measure() {
		return c
	}
	c.x += left
	c.width -= left + right
	return c
}

// bullets by nesting depth.
var bullets = []string{"•", "–", "•", "–"}

func (b *builder) list(l *render.List, c box, depth int) {
	st := style{face: serif.with(false, c.italic), size: c.size, color: black}
	first := l.Start
	if first == 0 {
		first = 1
	}
	marker := func(i int) string {
		if l.Ordered {
			return strconv.Itoa(first+i) + "."
		}
		return bullets[depth%len(bullets)]
	}
	widest := 0.0
	for i := range l.Items {
		widest = max(widest, b.tf.width(marker(i), st.face, st.size))
		if !l.Ordered {
			break
		}
	}
	hang := max(widest+0.6*c.size, 1.6*c.size)
	inner := b.indent(c, hang, 0)
	inner.gap = listItemGap * c.lead
	inner.outline = false
	b.pendingGap = max(b.pendingGap, c.gap)
	for i, item := range l.Items {
		start := len(*b.out)
		b.enter(i)
		b.flow(item, inner, depth+1)
		if len(*b.out) == start {
			// an empty item still shows its marker
			b.emit(flowBlock{before: inner.gap, after: inner.gap, rows: []row{{h: c.lead, baseline: 0.5*c.lead + 0.3*c.size, quotes: c.quotes, draw: func(*painter, float64) {}}}})
		}
		b.leave()
		r := &(*b.out)[start].rows[0]
		text := marker(i)
		mw := b.tf.width(text, st.face, st.size)
		// markers right-aligned before the text, never in the margin
		mx := max(inner.x-0.6*c.size-mw, b.geo.Left)
		base := r.baseline
		draw := r.draw
		r.draw = func(p *painter, top float64) {
			p.word(mx, top+base, text, st, 1, true)
			draw(p, top)
		}
	}
	if out := *b.out; len(out) > 0 {
		out[len(out)-1].after = max(out[len(out)-1].after, c.gap)
	}
}

func (b *builder) rule(c box) {
	x0, x1 := c.x+0.35*c.width, c.x+0.65*c.width
	h := c.lead
	b.emit(flowBlock{before: c.gap, after: c.gap, rows: []row{{h: h, quotes: c.quotes, draw: func(p *painter, top float64) {
		p.line(x0, top+h/2, x1, top+h/2, 0.6, ruleGrey)
	}}}})
}

// code sets a code block ragged in the sans face on a tinted ground,
// keeping indentation and breaking overlong lines.
func (b *builder) code(text string, c box) {
	if strings.TrimSpace(text) == "" {
		return
	}
	size := codeScale * c.size
	lead := smallLeading * size
	pad := 0.5 * c.size
	st := style{face: sans, size: size, color: black}
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var rows []row
	for _, src := range strings.Split(text, "\n") {
		src = keepSpaces(strings.ReplaceAll(src, "\t", "    "))
		lines := b.setText(b.textSpans(nil, src, st, true), c.x+pad, c.width-2*pad, lead, size, false)
		if len(lines) == 0 {
			lines = []row{{h: lead, src: b.source(b.letters), sourced: true, draw: func(*painter, float64) {}}}
		}
		rows = append(rows, lines...)
	}
	rows[0].h += pad
	rows[len(rows)-1].h += pad
	for i := range rows {
		r := &rows[i]
		draw, h := r.draw, r.h
		shift := 0.0
		if i == 0 {
			shift = pad
			r.baseline += pad
		}
		r.draw = func(p *painter, top float64) {
			p.rect(c.x, top, c.width, h, codeBack)
			draw(p, top+shift)
		}
	}
	b.emit(flowBlock{before: c.gap, after: c.gap, rows: withQuotes(rows, c.quotes), orphans: 2, widows: 2})
}

// keepSpaces turns the spaces that matter in code (indentation, runs of
// spaces) into no-break spaces, which layout keeps as they are.
func keepSpaces(s string) string {
	var b strings.Builder
	lead := true
	prevSpace := false
	for _, r := range s {
		if r == ' ' && (lead || prevSpace) {
			b.WriteRune('\u00a0')
			prevSpace = true
			continue
		}
		lead = lead && r == ' '
		prevSpace = r == ' '
		b.WriteRune(r)
	}
	return b.String()
}

// masthead sets the title, subtitle, byline, date and source.
func (b *builder) masthead(c box) {
	m := b.doc.Meta
	g := b.geo
	lab := labels.For(m.Lang)
	add := func(runs []render.Inline, st style, lead, after float64, justify bool) []row {
		rows := b.setText(b.spans(runs, st), c.x, c.width, lead, st.size, justify)
		b.emit(flowBlock{after: after, heading: true, keep: true, rows: rows, orphans: len(rows)})
		return rows
	}
	text := func(s string) []render.Inline { return []render.Inline{&render.Text{Text: s}} }
	if title := strings.TrimSpace(m.Title); title != "" {
		size := titleScale * g.Body
		rows := add(text(title), style{face: sansBold, size: size}, titleLeading*size, 0.5*g.Leading, false)
		if len(rows) > 0 {
			bookmark := b.tf.clean(title, sansBold)
			draw := rows[0].draw
			out := *b.out
			out[len(out)-1].rows[0].draw = func(p *painter, top float64) {
				draw(p, top)
				p.c.Bookmark(bookmark, 0, top)
			}
		}
	}
	if s := strings.TrimSpace(m.Subtitle); s != "" {
		size := subtitleScale * g.Body
		add(text(s), style{face: serifItalic, size: size}, smallLeading*size, 0.5*g.Leading, false)
	}
	var names []string
	for _, a := range m.Authors {
		if a.Name != "" {
			names = append(names, a.Name)
		}
	}
	if by := lab.Byline(names); by != "" {
		add(text(by), style{face: sans, size: g.Body}, g.Leading, 0.15*g.Leading, false)
	}
	var dateline []render.Inline
	if _, d, ok := lab.Date(m.Date); ok {
		dateline = append(dateline, &render.Text{Text: d})
	}
	if site := strings.TrimSpace(m.SiteName); site != "" {
		if len(dateline) > 0 {
			dateline = append(dateline, &render.Text{Text: " · "})
		}
		var label render.Inline = &render.Text{Text: site}
		if m.Source != "" {
			label = &render.Link{URL: m.Source, Children: []render.Inline{label}}
		}
		dateline = append(dateline, label)
	}
	small := metaScale * g.Body
	if len(dateline) > 0 {
		add(dateline, style{face: sans, size: small, color: grey}, smallLeading*small, 0.1*g.Leading, false)
	}
	if src := strings.TrimSpace(m.Source); src != "" {
		add([]render.Inline{&render.Link{URL: src, Children: text(src)}}, style{face: sans, size: small, color: grey}, smallLeading*small, 0, false)
	}
	if len(*b.out) > 0 {
		h := 1.4 * g.Leading
		b.emit(flowBlock{before: 0, after: 0.6 * g.Leading, heading: true, keep: true, rows: []row{{h: h, draw: func(p *painter, top float64) {
			p.line(c.x, top+h/2, c.x+c.width, top+h/2, 0.5, ruleGrey)
		}}}})
	}
}

// aboutAuthors sets "About the author": a heading, then each author with a
// bio, their name in bold; all of it kept on one page.
func (b *builder) aboutAuthors(c box) {
	var with []render.Author
	var index []int // of each in doc.Authors
	for i, a := range b.doc.Authors {
		if strings.TrimSpace(a.Bio) != "" {
			with = append(with, a)
			index = append(index, i)
		}
	}
	if len(with) == 0 {
		return
	}
	title := labels.For(b.doc.Lang).About(len(with))
	b.part, b.noteID, b.path, b.letters = About, "", nil, 0
	b.pendingGap = sectionGap * c.lead
	b.heading([]render.Inline{&render.Text{Text: title}}, 2, 1, c)
	for i, a := range with {
		b.path, b.letters = []int{index[i]}, 0
		name, bio := strings.TrimSpace(a.Name), strings.TrimSpace(a.Bio)
		var runs []render.Inline
		if lead := nameLead(bio, name); lead != "" {
			// the bio introduces its author: embolden the name in place
			runs = []render.Inline{&render.Strong{Children: []render.Inline{&render.Text{Text: lead}}}, &render.Text{Text: bio[len(lead):]}}
		} else {
			if name != "" {
				b.paragraph([]render.Inline{&render.Strong{Children: []render.Inline{&render.Text{Text: name}}}}, c, false)
				b.keepLast()
			}
			runs = []render.Inline{&render.Text{Text: bio}}
		}
		b.letters = 0 // counted in the bio alone
		b.paragraph(runs, c, true)
		out := *b.out
		last := &out[len(out)-1]
		last.orphans = len(last.rows)
		if i < len(with)-1 {
			last.keep = true
		}
	}
}

// nameLead is the start of bio that names its author ("Jane Doe is…" for
// "Dr. Jane Doe"), or "" when the bio does not start with the name.
func nameLead(bio, name string) string {
	if name == "" {
		return ""
	}
	for _, n := range []string{name, stripHonorific(name)} {
		if n != "" && strings.HasPrefix(bio, n) {
			return n
		}
	}
	return ""
}

func stripHonorific(name string) string {
	for _, h := range []string{"Dr. ", "Dr ", "Prof. ", "Professor ", "Mr. ", "Mrs. ", "Ms. ", "Sir ", "Dame "} {
		if strings.HasPrefix(name, h) {
			return strings.TrimSpace(name[len(h):])
		}
	}
	return ""
}

// leadsIn says whether p introduces next ("Some things a flight teaches
// you:" before a list): a page should not end between the two.
func leadsIn(p *render.Paragraph, next render.Block) bool {
	if !strings.HasSuffix(strings.TrimSpace(render.Plain(p.Text)), ":") {
		return false
	}
	switch next.(type) {
	case *render.List, *render.CodeBlock, *render.Table, *render.Quote:
		return true
	}
	return false
}

// keepShortLast keeps the paragraph just emitted with the next block when
// it is short enough to move to the next page whole; a longer one may
// still end a page (its widow lines stay with it).
func (b *builder) keepShortLast() {
	out := *b.out
	if n := len(out); n > 0 && len(out[n-1].rows) <= 3 {
		out[n-1].keep = true
	}
}

// keepLast keeps the block just emitted with the next, tightly.
func (b *builder) keepLast() {
	out := *b.out
	last := &out[len(out)-1]
	last.keep = true
	last.heading = true
	last.after = 0.15 * b.geo.Leading
}
