package pdf

import "testing"

func TestDates(t *testing.T) {
	c, l := dates("D:20170304120000+02'00'", "D:20180101", "", "2019-05-06T07:08:09Z")
	if c != "2017-03-04T10:00:00Z" || l != "2019-05-06T07:08:09Z" {
		t.Errorf("dates = %q, %q", c, l)
	}
	if c, l := dates("", "", "garbage", ""); c != "" || l != "" {
		t.Errorf("no dates = %q, %q", c, l)
	}
}
