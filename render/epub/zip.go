package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"time"
)

// zipEntry is one file of the container, in the order it is written.
type zipEntry struct {
	name  string
	data  []byte
	store bool // never compress (the mimetype entry)
}

// writeZip writes the OCF container. Every entry is written raw, with its
// sizes and CRC in the local header: no data descriptors (the mimetype
// must be readable at a fixed offset) and no extra fields (EPUBCheck
// refuses one on the mimetype, and the extended timestamp Go adds for
// FileHeader.Modified is one). All entries carry the same DOS time, so
// the bytes depend on nothing but the content and mod.
func writeZip(w io.Writer, entries []zipEntry, mod time.Time) error {
	zw := zip.NewWriter(w)
	date, clock := dosTime(mod)
	var z deflater
	for _, e := range entries {
		body, method := e.data, zip.Store
		if !e.store && !compressed(e.data) {
			if c, err := z.deflate(e.data); err != nil {
				return err
			} else if len(c) < len(e.data) {
				body, method = c, zip.Deflate
			}
		}
		fh := &zip.FileHeader{
			Name:               e.name,
			Method:             method,
			CreatorVersion:     20,
			ReaderVersion:      20,
			ModifiedDate:       date,  //nolint:staticcheck // Modified would add an extra field
			ModifiedTime:       clock, //nolint:staticcheck
			CRC32:              crc32.ChecksumIEEE(e.data),
			CompressedSize64:   uint64(len(body)),
			UncompressedSize64: uint64(len(e.data)),
		}
		fw, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		if _, err := fw.Write(body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// compressed says whether data is a PNG or JPEG: deflating those again
// costs time and gains a few per cent at most, so they are stored.
func compressed(data []byte) bool {
	return bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) || bytes.HasPrefix(data, []byte("\xff\xd8\xff"))
}

// deflater compresses entries one after another with one flate.Writer:
// making one costs more than compressing a small XHTML file.
type deflater struct {
	fw *flate.Writer
}

func (z *deflater) deflate(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	if z.fw == nil {
		fw, err := flate.NewWriter(&buf, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		z.fw = fw
	} else {
		z.fw.Reset(&buf)
	}
	if _, err := z.fw.Write(data); err != nil {
		return nil, err
	}
	if err := z.fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dosTime encodes t (in UTC) as MS-DOS date and time, clamped to the range
// the format can hold: 1980 to 2107, to the even second.
func dosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	if lo := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); t.Before(lo) {
		t = lo
	}
	if hi := time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC); t.After(hi) {
		t = hi
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
