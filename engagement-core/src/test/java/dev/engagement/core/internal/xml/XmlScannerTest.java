package dev.engagement.core.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class XmlScannerTest {
  private static List<String> tokens(String xml) {
    XmlScanner x = new XmlScanner(xml, "test.xml", 50);
    List<String> out = new ArrayList<>();
    for (int t = x.next(); t != XmlScanner.EOF; t = x.next()) {
      switch (t) {
        case XmlScanner.START:
          out.add("<" + x.namespace() + "|" + x.localName());
          break;
        case XmlScanner.END:
          out.add(">" + x.localName());
          break;
        case XmlScanner.CDATA:
          out.add("C:" + xml.substring(x.textStart(), x.textEnd()));
          break;
        default:
          out.add("T:" + x.decode(x.textStart(), x.textEnd()));
      }
    }
    return out;
  }

  @Test
  void scansElementsTextNamespacesAndReferences() {
    String xml =
        "<?xml version=\"1.0\"?>\n<!-- c --><a xmlns=\"urn:d\" xmlns:p=\"urn:p\"><p:b x='1' y=\"&amp;\">"
            + "A&amp;B&#x41;&#66;\r\n<![CDATA[<raw>]]></p:b><c/><?pi x?></a>\n";
    assertThat(tokens(xml))
        .containsExactly(
            "<urn:d|a", "<urn:p|b", "T:A&BAB\n", "C:<raw>", ">b", "<urn:d|c", ">c", ">a");
  }

  @Test
  void givesAttributesByNamespace() {
    XmlScanner x =
        new XmlScanner(
            "<w:t xmlns:w=\"urn:w\" xml:space=\"preserve\" w:val=\"a&lt;b\"/>", "t", 10);
    assertThat(x.next()).isEqualTo(XmlScanner.START);
    assertThat(x.attribute(XmlScanner.XML_NS, "space")).isEqualTo("preserve");
    assertThat(x.attribute("urn:w", "val")).isEqualTo("a<b");
    assertThat(x.attribute("", "val")).isNull();
    assertThat(x.isEmptyElement()).isTrue();
    assertThat(x.next()).isEqualTo(XmlScanner.END);
    assertThat(x.next()).isEqualTo(XmlScanner.EOF);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<a><b></a>|does not match",
        "<a>|ends before",
        "<a></a><b/>|second root",
        "text<a/>|outside the root",
        "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>|DOCTYPE",
        "<a>&x;</a>|undefined entity",
        "<a>& b</a>|does not start a reference",
        "<a>&#0;</a>|does not allow",
        "<a b=c/>|must be quoted",
        "<a b='1' b='2'/>|appears twice",
        "<a b='<'/>|in an attribute value",
        "<p:a/>|not bound",
        "<a><![CDATA[x</a>|unterminated CDATA",
        "<a><!-- x</a>|unterminated comment",
        "<a b='1'c='2'/>|whitespace between attributes",
        "|no root element",
        "<a/><?xml version='1.0'?>|must come first",
      })
  void refusesMalformedXml(String xml, String reason) {
    assertThatThrownBy(() -> tokens(xml == null ? "" : xml))
        .isInstanceOf(MalformedXmlException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining("test.xml");
  }

  @Test
  void boundsTheDepthWithoutRecursion() {
    String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
    assertThatThrownBy(() -> tokens(deep)).hasMessageContaining("nested deeper than 50 levels");
    XmlScanner x = new XmlScanner(deep, "deep", 200_000);
    int n = 0;
    while (x.next() != XmlScanner.EOF) {
      n++;
    }
    assertThat(n).isEqualTo(200_000);
  }

  @Test
  void reportsLineAndColumn() {
    assertThatThrownBy(() -> tokens("<a>\n  <b>\n</a>"))
        .hasMessageContaining("line 3, column 1")
        .hasMessageContaining("opened at line 2, column 4");
  }
}
