package subset

import "encoding/binary"

// rule says that shaping may turn the glyphs in, all present, into out.
type rule struct{ in, out []int }

// table reads big-endian fields of a table, giving 0 past its end so a
// damaged table yields fewer rules rather than a panic.
type table []byte

func (t table) u16(off int) int {
	if off < 0 || off+2 > len(t) {
		return 0
	}
	return int(binary.BigEndian.Uint16(t[off:]))
}

func (t table) u32(off int) int {
	if off < 0 || off+4 > len(t) {
		return 0
	}
	return int(binary.BigEndian.Uint32(t[off:]))
}

// at is the subtable at off, empty when off is out of range.
func (t table) at(off int) table {
	if off <= 0 || off >= len(t) {
		return nil
	}
	return t[off:]
}

// coverage lists a coverage table's glyphs in coverage-index order.
func coverage(t table) []int {
	var gs []int
	switch t.u16(0) {
	case 1:
		for i := range t.u16(2) {
			gs = append(gs, t.u16(4+2*i))
		}
	case 2:
		for i := range t.u16(2) {
			r := 4 + 6*i
			start, end := t.u16(r), t.u16(r+2)
			for g := start; g <= end && g-start < 0x10000; g++ {
				gs = append(gs, g)
			}
		}
	}
	return gs
}

// glyphArray reads count glyph IDs at off.
func glyphArray(t table, off, count int) []int {
	gs := make([]int, 0, count)
	for i := range count {
		gs = append(gs, t.u16(off+2*i))
	}
	return gs
}

// gsubRules lists every substitution of every single, multiple,
// alternate, ligature and reverse chaining lookup, whatever feature,
// script or context it belongs to. Contextual lookups (types 5 and 6)
// substitute only through such lookups, so they need no rules of their
// own; ignoring context keeps a superset, never too few glyphs.
func gsubRules(gsub table) []rule {
	lookups := gsub.at(gsub.u16(8))
	var rules []rule
	for i := range lookups.u16(0) {
		l := lookups.at(lookups.u16(2 + 2*i))
		kind := l.u16(0)
		for j := range l.u16(4) {
			sub := l.at(l.u16(6 + 2*j))
			k := kind
			if k == 7 { // extension: the real subtable sits further on
				k = sub.u16(2)
				sub = sub.at(sub.u32(4))
			}
			rules = append(rules, subtableRules(k, sub)...)
		}
	}
	return rules
}

func subtableRules(kind int, t table) []rule {
	if t == nil {
		return nil
	}
	cov := coverage(t.at(t.u16(2)))
	var rules []rule
	switch kind {
	case 1: // single
		switch t.u16(0) {
		case 1:
			delta := t.u16(4)
			for _, g := range cov {
				rules = append(rules, rule{[]int{g}, []int{(g + delta) & 0xFFFF}})
			}
		case 2:
			subs := glyphArray(t, 6, t.u16(4))
			for i, g := range cov {
				if i < len(subs) {
					rules = append(rules, rule{[]int{g}, []int{subs[i]}})
				}
			}
		}
	case 2, 3: // multiple, alternate: one glyph to a sequence or a choice
		n := t.u16(4)
		for i, g := range cov {
			if i >= n {
				break
			}
			seq := t.at(t.u16(6 + 2*i))
			rules = append(rules, rule{[]int{g}, glyphArray(seq, 2, seq.u16(0))})
		}
	case 4: // ligature
		n := t.u16(4)
		for i, g := range cov {
			if i >= n {
				break
			}
			set := t.at(t.u16(6 + 2*i))
			for j := range set.u16(0) {
				lig := set.at(set.u16(2 + 2*j))
				in := append([]int{g}, glyphArray(lig, 4, max(lig.u16(2)-1, 0))...)
				rules = append(rules, rule{in, []int{lig.u16(0)}})
			}
		}
	case 8: // reverse chaining single
		p := 4
		p += 2 + 2*t.u16(p) // backtrack coverages
		p += 2 + 2*t.u16(p) // lookahead coverages
		subs := glyphArray(t, p+2, t.u16(p))
		for i, g := range cov {
			if i < len(subs) {
				rules = append(rules, rule{[]int{g}, []int{subs[i]}})
			}
		}
	}
	return rules
}
