package subset

import "slices"

// readCmap is the font's mapping from characters to glyphs, in character
// order, from its best Unicode subtable: format 12 (all planes) before
// format 4 (the Basic Multilingual Plane).
func readCmap(cmap table, numGlyphs int) ([]mapping, error) {
	var best table
	bestFormat := 0
	for i := range cmap.u16(2) {
		rec := 4 + 8*i
		platform, encoding := cmap.u16(rec), cmap.u16(rec+2)
		unicode := platform == 0 || platform == 3 && (encoding == 1 || encoding == 10)
		sub := cmap.at(cmap.u32(rec + 4))
		if format := sub.u16(0); unicode && (format == 4 || format == 12) && format > bestFormat {
			best, bestFormat = sub, format
		}
	}
	var ms []mapping
	add := func(r rune, g int) {
		if g > 0 && g < numGlyphs {
			ms = append(ms, mapping{r, g})
		}
	}
	switch bestFormat {
	case 0:
		return nil, errNoUnicode
	case 4:
		segs := best.u16(6) / 2
		for s := range segs {
			end, start := best.u16(14+2*s), best.u16(16+2*segs+2*s)
			delta := best.u16(16 + 4*segs + 2*s)
			roAt := 16 + 6*segs + 2*s
			ro := best.u16(roAt)
			for c := start; c <= end && c < 0xFFFF; c++ {
				if ro == 0 {
					add(rune(c), (c+delta)&0xFFFF)
				} else if g := best.u16(roAt + ro + 2*(c-start)); g != 0 {
					add(rune(c), (g+delta)&0xFFFF)
				}
			}
		}
	case 12:
		for i := range best.u32(12) {
			grp := 16 + 12*i
			if grp+12 > len(best) {
				break
			}
			start, end, g := best.u32(grp), best.u32(grp+4), best.u32(grp+8)
			for c := start; c <= end && c <= 0x10FFFF; c++ {
				add(rune(c), g+c-start)
			}
		}
	}
	slices.SortFunc(ms, func(a, b mapping) int { return int(a.r - b.r) })
	return slices.CompactFunc(ms, func(a, b mapping) bool { return a.r == b.r }), nil
}
