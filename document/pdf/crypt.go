package pdf

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
)

// ErrPassword means the file is encrypted with a user password: it cannot
// be opened, so it cannot be checked.
var ErrPassword = errors.New("the file is protected with a password")

// padding is the password padding string of the standard security
// handler (ISO 32000-1, 7.6.3.3, Algorithm 2).
var padding = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// decrypter decrypts the strings and streams of a file encrypted with the
// standard security handler, opened with the empty user password: the
// way a file is encrypted only to set its permissions.
type decrypter struct {
	key             []byte
	rev             int64
	strf, stmf      name // crypt method of strings and streams: V2 (RC4), AESV2, AESV3, None
	encryptMetadata bool
	P               int64 // the permission flags
}

func newDecrypter(enc dict, trailer dict, f *rawFile) (*decrypter, error) {
	if enc == nil {
		return nil, fmt.Errorf("%w: bad /Encrypt dictionary", errSyntax)
	}
	if filter := f.resolveName(enc["Filter"]); filter != "Standard" {
		return nil, fmt.Errorf("encrypted with the %s security handler, which saavu cannot open: %w", filter, ErrPassword)
	}
	v, _ := f.resolveInt(enc["V"])
	rev, _ := f.resolveInt(enc["R"])
	p, _ := f.resolveInt(enc["P"])
	d := &decrypter{rev: rev, P: p, encryptMetadata: true, strf: "V2", stmf: "V2"}
	if b, ok := f.resolve(enc["EncryptMetadata"]).(bool); ok {
		d.encryptMetadata = b
	}
	if v >= 4 {
		cfs := f.resolveDict(enc["CF"])
		method := func(n name) name {
			if n == "" || n == "Identity" {
				return "None"
			}
			m := f.resolveName(f.resolveDict(cfs[n])["CFM"])
			if m == "" {
				return "None"
			}
			return m
		}
		d.strf, d.stmf = method(f.resolveName(enc["StrF"])), method(f.resolveName(enc["StmF"]))
	}
	str := func(k name) []byte { s, _ := f.resolve(enc[k]).(pdfString); return s }
	o, u := str("O"), str("U")
	if rev >= 5 {
		if len(u) < 48 {
			return nil, fmt.Errorf("%w: bad /U in the /Encrypt dictionary", errSyntax)
		}
		hash := func(salt []byte) []byte {
			if rev == 5 {
				h := sha256.Sum256(salt)
				return h[:]
			}
			return hash2B(nil, salt, nil)
		}
		if !bytes.Equal(hash(u[32:40]), u[:32]) {
			return nil, ErrPassword
		}
		ue := str("UE")
		if len(ue) != 32 {
			return nil, fmt.Errorf("%w: bad /UE in the /Encrypt dictionary", errSyntax)
		}
		block, err := aes.NewCipher(hash(u[40:48]))
		if err != nil {
			return nil, err
		}
		d.key = make([]byte, 32)
		cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(d.key, ue)
		return d, nil
	}
	n := 5
	if rev >= 3 {
		l, ok := f.resolveInt(enc["Length"])
		if !ok {
			l = 40
		}
		n = int(l / 8)
		if n < 5 || n > 16 {
			n = 16
		}
	}
	var id []byte
	if ids := f.resolveArray(trailer["ID"]); len(ids) > 0 {
		id, _ = f.resolve(ids[0]).(pdfString)
	}
	h := md5.New()
	h.Write(padding)
	if len(o) > 32 {
		o = o[:32]
	}
	h.Write(o)
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id)
	if rev >= 4 && !d.encryptMetadata {
		h.Write([]byte{0xFF, 0xFF, 0xFF, 0xFF})
	}
	key := h.Sum(nil)
	if rev >= 3 {
		for range 50 {
			s := md5.Sum(key[:n])
			key = s[:]
		}
	}
	d.key = key[:n]
	// Check the empty user password against /U (Algorithms 4 and 5).
	var ok bool
	if rev == 2 {
		ok = len(u) >= 32 && bytes.Equal(rc4Crypt(d.key, padding), u[:32])
	} else {
		h := md5.New()
		h.Write(padding)
		h.Write(id)
		x := rc4Crypt(d.key, h.Sum(nil))
		for i := 1; i <= 19; i++ {
			k := make([]byte, len(d.key))
			for j := range k {
				k[j] = d.key[j] ^ byte(i)
			}
			x = rc4Crypt(k, x)
		}
		ok = len(u) >= 16 && bytes.Equal(x, u[:16])
	}
	if !ok {
		return nil, ErrPassword
	}
	return d, nil
}

// hash2B is Algorithm 2.B of ISO 32000-2 (revision 6).
func hash2B(pw, salt, udata []byte) []byte {
	k0 := sha256.Sum256(append(append(append([]byte(nil), pw...), salt...), udata...))
	k := k0[:]
	for i := 0; ; i++ {
		var k1 []byte
		for range 64 {
			k1 = append(k1, pw...)
			k1 = append(k1, k...)
			k1 = append(k1, udata...)
		}
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var h hash.Hash
		switch sum % 3 {
		case 0:
			h = sha256.New()
		case 1:
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write(e)
		k = h.Sum(nil)
		if i >= 63 && int(e[len(e)-1]) <= i-31 {
			break
		}
	}
	return k[:32]
}

func rc4Crypt(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// objectKey is the key of one object (Algorithm 1).
func (d *decrypter) objectKey(r ref, aesSalt bool) []byte {
	if d.rev >= 5 {
		return d.key
	}
	h := md5.New()
	h.Write(d.key)
	h.Write([]byte{byte(r.num), byte(r.num >> 8), byte(r.num >> 16), byte(r.gen), byte(r.gen >> 8)})
	if aesSalt {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(d.key)+5, 16)]
}

func (d *decrypter) decrypt(method name, r ref, data []byte) ([]byte, error) {
	switch method {
	case "None":
		return data, nil
	case "AESV2", "AESV3":
		if len(data) < 32 || len(data)%16 != 0 {
			if len(data) == 0 {
				return data, nil
			}
			return nil, fmt.Errorf("%w: bad AES data", errSyntax)
		}
		block, err := aes.NewCipher(d.objectKey(r, method == "AESV2"))
		if err != nil {
			return nil, err
		}
		out := make([]byte, len(data)-16)
		cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, data[16:])
		if n := int(out[len(out)-1]); n >= 1 && n <= 16 && n <= len(out) {
			out = out[:len(out)-n]
		}
		return out, nil
	}
	return rc4Crypt(d.objectKey(r, false), data), nil
}

// decryptStrings returns o with its strings decrypted (r is the indirect
// object that holds them).
func (d *decrypter) decryptStrings(o any, r ref) any {
	switch v := o.(type) {
	case pdfString:
		out, err := d.decrypt(d.strf, r, v)
		if err != nil {
			return pdfString(nil)
		}
		return pdfString(out)
	case array:
		out := make(array, len(v))
		for i, x := range v {
			out[i] = d.decryptStrings(x, r)
		}
		return out
	case dict:
		out := make(dict, len(v))
		for k, x := range v {
			out[k] = d.decryptStrings(x, r)
		}
		return out
	case *stream:
		s := *v
		s.dict = d.decryptStrings(v.dict, r).(dict)
		return &s
	}
	return o
}

func (d *decrypter) decryptStream(data []byte, s *stream) ([]byte, error) {
	if asName(s.dict["Type"]) == "Metadata" && !d.encryptMetadata {
		return data, nil
	}
	if f, ok := s.dict["Filter"].(array); ok && len(f) > 0 && asName(f[0]) == "Crypt" {
		return data, nil // a stream that names its own crypt filter: Identity is the one saavu meets
	}
	return d.decrypt(d.stmf, s.ref, data)
}
