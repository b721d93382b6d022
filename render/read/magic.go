package read

import "bytes"

// fileKind names the formats users hand offprint by mistake (the PDF
// they want to reflow, a photo, an e-book) from their first bytes, so
// the error says what the file is. A PDF can be NUL-free and mostly
// printable, and would otherwise be "read" as a page of PDF syntax.
func fileKind(data []byte) string {
	for _, m := range []struct {
		magic []byte
		kind  string
	}{
		{[]byte("%PDF-"), "a PDF document"},
		{[]byte("\x89PNG\r\n\x1a\n"), "a PNG image"},
		{[]byte{0xFF, 0xD8, 0xFF}, "a JPEG image"},
		{[]byte("GIF87a"), "a GIF image"},
		{[]byte("GIF89a"), "a GIF image"},
		{[]byte("PK\x03\x04"), "a zip archive (an EPUB, Word or OpenDocument file?)"},
		{[]byte{0x1F, 0x8B}, "a gzip archive"},
		{[]byte("\x7fELF"), "a program"},
	} {
		if bytes.HasPrefix(data, m.magic) {
			return m.kind
		}
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return "a WebP image"
	}
	return ""
}
