// Package subset cuts a TrueType font down to the glyphs a text needs, so
// an EPUB can carry its faces at a fraction of their size.
//
// It zeroes glyphs rather than renumbering them: every glyph keeps its ID,
// and each glyph the text cannot reach loses its outline and metrics. That
// leaves maxp, GDEF, GSUB and GPOS valid as they are (rewriting their
// glyph-indexed subtables is where general subsetters break), at the cost
// of a few bytes of loca and hmtx per dropped glyph, zeros that deflate to
// next to nothing. The cmap is rebuilt to list the characters of the kept
// glyphs alone, so a reading system falls back to another font for any
// other character instead of drawing an empty glyph.
package subset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// TrueType returns a standalone copy of the TrueType font data in which
// only the glyphs that text can call up have outlines: glyph 0 (.notdef),
// the glyph of each character of text, the glyphs GSUB can substitute for
// those (ligatures, alternates) and the components of composite glyphs.
// Its cmap maps the characters of text, and any other character whose
// glyph is kept (U+FB01 for the fi ligature), and no others. The result
// depends only on the font and on the set of characters in text, not on
// their order.
func TrueType(font []byte, text string) ([]byte, error) {
	f, err := parse(font)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	out, err := f.subset(text)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	return out, nil
}

// font is the table directory of the font being cut.
type font struct {
	tables    map[string][]byte
	numGlyphs int
	longLoca  bool
}

var (
	errShort     = errors.New("truncated table")
	errNoUnicode = errors.New("no Unicode cmap")
)

func parse(data []byte) (*font, error) {
	if len(data) < 12 {
		return nil, errShort
	}
	switch v := binary.BigEndian.Uint32(data); v {
	case 0x00010000, 0x74727565: // TrueType outlines ("true" on old Macs)
	default:
		return nil, fmt.Errorf("not a TrueType font (version %#08x)", v)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errShort
	}
	f := &font{tables: make(map[string][]byte, n)}
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := int64(binary.BigEndian.Uint32(rec[8:])), int64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > int64(len(data)) {
			return nil, fmt.Errorf("table %q: %w", tag, errShort)
		}
		f.tables[tag] = data[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("no %q table", tag)
		}
	}
	head, maxp := f.tables["head"], f.tables["maxp"]
	if len(head) < 54 || len(maxp) < 6 {
		return nil, errShort
	}
	f.longLoca = binary.BigEndian.Uint16(head[50:]) != 0
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if need := (f.numGlyphs + 1) * 2; f.longLoca {
		need *= 2
		if len(f.tables["loca"]) < need {
			return nil, fmt.Errorf("loca: %w", errShort)
		}
	} else if len(f.tables["loca"]) < need {
		return nil, fmt.Errorf("loca: %w", errShort)
	}
	return f, nil
}

// glyph is the outline data of glyph g, empty for a blank glyph.
func (f *font) glyph(g int) ([]byte, error) {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var start, end int
	if f.longLoca {
		start, end = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		start, end = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	if start > end || end > len(glyf) {
		return nil, fmt.Errorf("glyph %d: bad loca entry", g)
	}
	return glyf[start:end], nil
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// components lists the glyphs a composite glyph is built from.
func components(data []byte) ([]int, error) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil, nil // blank or simple
	}
	var ids []int
	for p := 10; ; {
		if p+4 > len(data) {
			return nil, errShort
		}
		flags := binary.BigEndian.Uint16(data[p:])
		ids = append(ids, int(binary.BigEndian.Uint16(data[p+2:])))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return ids, nil
		}
	}
}

// mapping is one character and its glyph.
type mapping struct {
	r rune
	g int
}

func (f *font) subset(text string) ([]byte, error) {
	mapped, err := readCmap(f.tables["cmap"], f.numGlyphs)
	if err != nil {
		return nil, err
	}
	inText := map[rune]bool{}
	for _, r := range text {
		inText[r] = true
	}
	keep := make([]bool, f.numGlyphs)
	keep[0] = true
	for _, m := range mapped {
		if inText[m.r] {
			keep[m.g] = true
		}
	}

	// What shaping can turn them into, then what those are built from.
	if gsub := f.tables["GSUB"]; gsub != nil {
		rules := gsubRules(gsub)
		for grew := true; grew; {
			grew = false
			for _, r := range rules {
				if !all(keep, r.in) {
					continue
				}
				for _, g := range r.out {
					if g < f.numGlyphs && !keep[g] {
						keep[g], grew = true, true
					}
				}
			}
		}
	}
	var todo []int
	for g, k := range keep {
		if k {
			todo = append(todo, g)
		}
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		data, err := f.glyph(g)
		if err != nil {
			return nil, err
		}
		cs, err := components(data)
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		for _, c := range cs {
			if c < f.numGlyphs && !keep[c] {
				keep[c] = true
				todo = append(todo, c)
			}
		}
	}

	// Every character whose glyph stays, the text's and any other (the
	// ligature ﬁ for the glyph that "fi" shapes to): FreeType's
	// auto-hinter sorts glyphs into scripts through the cmap, and a glyph
	// it cannot reach so would be hinted unlike in the full face.
	var cmap []mapping
	for _, m := range mapped {
		if keep[m.g] {
			cmap = append(cmap, m)
		}
	}

	glyf, loca, longLoca, err := f.cutGlyf(keep)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for tag, data := range f.tables {
		out[tag] = data
	}
	// A signature cannot survive the cut.
	delete(out, "DSIG")
	out["glyf"], out["loca"] = glyf, loca
	if hmtx := f.cutHmtx(keep); hmtx != nil {
		out["hmtx"] = hmtx
	}
	out["cmap"] = buildCmap(cmap)
	if post := f.tables["post"]; len(post) >= 32 {
		// Version 3 has no glyph names: a reader needs none, and they are
		// a twentieth of the full font.
		p := slices.Clone(post[:32])
		binary.BigEndian.PutUint32(p, 0x00030000)
		out["post"] = p
	}
	if os2 := f.tables["OS/2"]; len(os2) >= 68 {
		// The first and last characters the font now maps.
		p := slices.Clone(os2)
		first, last := uint16(0xFFFF), uint16(0)
		if len(cmap) > 0 {
			first = uint16(min(cmap[0].r, 0xFFFF))
			last = uint16(min(cmap[len(cmap)-1].r, 0xFFFF))
		}
		binary.BigEndian.PutUint16(p[64:], first)
		binary.BigEndian.PutUint16(p[66:], last)
		out["OS/2"] = p
	}
	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	var locFormat uint16
	if longLoca {
		locFormat = 1
	}
	binary.BigEndian.PutUint16(head[50:], locFormat)
	out["head"] = head
	return write(out), nil
}

// cutGlyf rebuilds glyf and loca with the outlines of the glyphs not kept
// emptied. The short loca format is used whenever the data allows it.
func (f *font) cutGlyf(keep []bool) (glyf, loca []byte, long bool, err error) {
	offsets := make([]int, f.numGlyphs+1)
	for g := range f.numGlyphs {
		offsets[g] = len(glyf)
		if !keep[g] {
			continue
		}
		data, err := f.glyph(g)
		if err != nil {
			return nil, nil, false, err
		}
		glyf = append(glyf, data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets[f.numGlyphs] = len(glyf)
	long = len(glyf)/2 > 0xFFFF
	for _, o := range offsets {
		if long {
			loca = binary.BigEndian.AppendUint32(loca, uint32(o))
		} else {
			loca = binary.BigEndian.AppendUint16(loca, uint16(o/2))
		}
	}
	return glyf, loca, long, nil
}

// cutHmtx zeroes the metrics of the glyphs not kept: nothing can draw
// them, and runs of zeros are all but free once the EPUB is deflated. It
// returns nil when the table is too short to be trusted, leaving it as it
// was.
func (f *font) cutHmtx(keep []bool) []byte {
	hhea, hmtx := f.tables["hhea"], f.tables["hmtx"]
	if len(hhea) < 36 {
		return nil
	}
	long := int(binary.BigEndian.Uint16(hhea[34:])) // numberOfHMetrics
	if long > f.numGlyphs || len(hmtx) < 4*long+2*(f.numGlyphs-long) {
		return nil
	}
	out := slices.Clone(hmtx)
	for g := range f.numGlyphs {
		if keep[g] {
			continue
		}
		if g < long {
			clear(out[4*g : 4*g+4])
		} else {
			at := 4*long + 2*(g-long)
			clear(out[at : at+2])
		}
	}
	return out
}

// buildCmap writes a cmap with a format 4 subtable for the Basic
// Multilingual Plane and, when a character lies beyond it, a format 12
// subtable for all, each under its Unicode and its Windows encoding.
func buildCmap(ms []mapping) []byte {
	var bmp []mapping
	for _, m := range ms {
		if m.r < 0xFFFF { // U+FFFF closes every format 4 table
			bmp = append(bmp, m)
		}
	}
	f4 := format4(bmp)
	var f12 []byte
	if len(bmp) < len(ms) {
		f12 = format12(ms)
	}
	type rec struct {
		platform, encoding uint16
		sub                []byte
	}
	recs := []rec{{0, 3, f4}}
	if f12 != nil {
		recs = append(recs, rec{0, 4, f12})
	}
	recs = append(recs, rec{3, 1, f4})
	if f12 != nil {
		recs = append(recs, rec{3, 10, f12})
	}
	off4 := 4 + 8*len(recs)
	off12 := off4 + len(f4)
	var b []byte
	b = binary.BigEndian.AppendUint16(b, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(len(recs)))
	for _, r := range recs {
		off := off4
		if r.encoding == 4 || r.encoding == 10 {
			off = off12
		}
		b = binary.BigEndian.AppendUint16(b, r.platform)
		b = binary.BigEndian.AppendUint16(b, r.encoding)
		b = binary.BigEndian.AppendUint32(b, uint32(off))
	}
	b = append(b, f4...)
	return append(b, f12...)
}

// runs splits sorted mappings into runs where character and glyph both
// rise by one, each run one segment or group.
func runs(ms []mapping) [][]mapping {
	var out [][]mapping
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].r == ms[j-1].r+1 && ms[j].g == ms[j-1].g+1 {
			j++
		}
		out = append(out, ms[i:j])
		i = j
	}
	return out
}

func format4(ms []mapping) []byte {
	rs := runs(ms)
	n := len(rs) + 1 // and the closing 0xFFFF segment
	var ends, starts, deltas []uint16
	for _, r := range rs {
		ends = append(ends, uint16(r[len(r)-1].r))
		starts = append(starts, uint16(r[0].r))
		deltas = append(deltas, uint16(r[0].g-int(r[0].r)))
	}
	ends, starts, deltas = append(ends, 0xFFFF), append(starts, 0xFFFF), append(deltas, 1)
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	log := 0
	for 1<<(log+1) <= pow {
		log++
	}
	length := 16 + 8*n
	var b []byte
	for _, v := range []uint16{4, uint16(length), 0, uint16(2 * n), uint16(2 * pow), uint16(log), uint16(2*n - 2*pow)} {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	for _, v := range ends {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	b = binary.BigEndian.AppendUint16(b, 0)                            // reservedPad
	for _, vs := range [][]uint16{starts, deltas, make([]uint16, n)} { // idRangeOffsets all 0
		for _, v := range vs {
			b = binary.BigEndian.AppendUint16(b, v)
		}
	}
	return b
}

func format12(ms []mapping) []byte {
	rs := runs(ms)
	var b []byte
	b = binary.BigEndian.AppendUint16(b, 12)
	b = binary.BigEndian.AppendUint16(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(16+12*len(rs)))
	b = binary.BigEndian.AppendUint32(b, 0) // language
	b = binary.BigEndian.AppendUint32(b, uint32(len(rs)))
	for _, r := range rs {
		b = binary.BigEndian.AppendUint32(b, uint32(r[0].r))
		b = binary.BigEndian.AppendUint32(b, uint32(r[len(r)-1].r))
		b = binary.BigEndian.AppendUint32(b, uint32(r[0].g))
	}
	return b
}

// write lays the tables out in tag order, with the directory, checksums
// and head's checkSumAdjustment the format asks for.
func write(tables map[string][]byte) []byte {
	tags := slices.Sorted(maps.Keys(tables))
	n := len(tags)
	pow, log := 1, 0
	for pow*2 <= n {
		pow, log = pow*2, log+1
	}
	var out bytes.Buffer
	var hdr []byte
	hdr = binary.BigEndian.AppendUint32(hdr, 0x00010000)
	for _, v := range []uint16{uint16(n), uint16(16 * pow), uint16(log), uint16(16*n - 16*pow)} {
		hdr = binary.BigEndian.AppendUint16(hdr, v)
	}
	off := 12 + 16*n
	var body []byte
	headAt := 0
	for _, tag := range tags {
		data := tables[tag]
		if tag == "head" {
			headAt = off
		}
		hdr = append(hdr, tag...)
		hdr = binary.BigEndian.AppendUint32(hdr, checksum(data))
		hdr = binary.BigEndian.AppendUint32(hdr, uint32(off))
		hdr = binary.BigEndian.AppendUint32(hdr, uint32(len(data)))
		body = append(body, data...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
		off = 12 + 16*n + len(body)
	}
	out.Write(hdr)
	out.Write(body)
	b := out.Bytes()
	binary.BigEndian.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	return b
}

func checksum(data []byte) uint32 {
	var sum uint32
	for i := 0; i < len(data); i += 4 {
		var w [4]byte
		copy(w[:], data[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

func all(keep []bool, gs []int) bool {
	for _, g := range gs {
		if g >= len(keep) || !keep[g] {
			return false
		}
	}
	return true
}
