//! Web pages of a report: the article (paragraphs, and tables 二/三/四 with the national
//! template's `rowspan`/`colspan` and fixed column widths), bare or inside a government
//! CMS page's chrome (navigation, the 索引号/发布机构/发布日期 info table, related links,
//! footer), in UTF-8 or GBK labelled `gb2312` as older sites serve them.

use super::forms::Part;
use crate::model::Date;
use crate::render::grid::Grid;

/// What a CMS page shows around the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chrome {
    /// The site's name (示例区人民政府).
    pub site: String,
    /// 发布机构.
    pub publisher: String,
    /// 发布日期.
    pub date: Date,
    /// 索引号.
    pub index_no: String,
    /// Titles of other articles in the related-links list.
    pub related: Vec<String>,
    /// The date also in `<meta name="PubDate">`.
    pub pubdate_meta: bool,
}

/// How a page is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageStyle {
    /// The site around the article; none for the article alone.
    pub chrome: Option<Chrome>,
    /// GBK bytes labelled `gb2312` instead of UTF-8.
    pub gbk: bool,
}

/// The page's bytes: `parts` in order, `Part::Table(k)` drawn from `grids[k]`.
pub fn page(parts: &[Part], grids: &[Grid; 3], style: &PageStyle) -> Vec<u8> {
    let title = parts
        .iter()
        .find_map(|p| match p {
            Part::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or("");
    let charset = if style.gbk {
        r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#
    } else {
        r#"<meta charset="utf-8">"#
    };
    let mut h = format!("<!DOCTYPE html>\n<html>\n<head>\n{charset}\n");
    let mut article = String::new();
    for p in parts {
        match p {
            Part::Title(t) => article.push_str(&format!(
                "<h1 style=\"text-align:center\">{}</h1>\n",
                escape(t)
            )),
            Part::Para(t) => article.push_str(&format!("<p>{}</p>\n", escape(t))),
            Part::Table(k) => {
                if let Some(g) = grids.get(*k).filter(|g| !g.rows.is_empty()) {
                    table(&mut article, g, style.chrome.is_some());
                }
            }
        }
    }
    match &style.chrome {
        None => {
            h.push_str(&format!(
                "<title>{}</title>\n</head>\n<body>\n",
                escape(title)
            ));
            h.push_str(&article);
        }
        Some(c) => cms(&mut h, c, title, &article),
    }
    h.push_str("</body>\n</html>\n");
    if style.gbk {
        let (bytes, _, _) = encoding_rs::GBK.encode(&h);
        bytes.into_owned()
    } else {
        h.into_bytes()
    }
}

fn cms(h: &mut String, c: &Chrome, title: &str, article: &str) {
    let date = format!("{}-{:02}-{:02}", c.date.year, c.date.month, c.date.day);
    let site = escape(&c.site);
    h.push_str(&format!("<title>{}_{site}</title>\n", escape(title)));
    if c.pubdate_meta {
        h.push_str(&format!(
            "<meta name=\"PubDate\" content=\"{date} 09:30\">\n<meta name=\"ContentSource\" content=\"{}\">\n",
            escape(&c.publisher)
        ));
    }
    h.push_str("<style>.info td{padding:4px} .footer{color:#666}</style>\n");
    h.push_str("<script>var siteId = 1001;</script>\n</head>\n<body>\n");
    h.push_str(&format!(
        "<div class=\"header\"><div class=\"logo\">{site}门户网站</div>\n<nav><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/zwfw/\">政务服务</a></li><li><a href=\"/hdjl/\">互动交流</a></li><li><a href=\"/zjsl/\">走进{site}</a></li></ul></nav></div>\n"
    ));
    h.push_str("<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; 政府信息公开年报</div>\n");
    h.push_str(&format!(
        "<table class=\"info\" width=\"100%\"><tr><td>索引号：</td><td>{}</td><td>发布机构：</td><td>{}</td></tr>\n<tr><td>发布日期：</td><td>{date}</td><td>主题分类：</td><td>政务公开</td></tr></table>\n",
        escape(&c.index_no),
        escape(&c.publisher)
    ));
    h.push_str("<div class=\"article\">\n<div class=\"content\" id=\"zoom\">\n");
    h.push_str(article);
    h.push_str("</div>\n<div class=\"tools\">【字号：<a>大</a> <a>中</a> <a>小</a>】 【<a>打印</a>】 【<a>关闭</a>】</div>\n</div>\n");
    if !c.related.is_empty() {
        h.push_str("<div class=\"related\"><h3>相关链接</h3><ul>\n");
        for r in &c.related {
            h.push_str(&format!("<li><a href=\"#\">{}</a></li>\n", escape(r)));
        }
        h.push_str("</ul></div>\n");
    }
    h.push_str(&format!(
        "<div class=\"footer\"><p>主办：{site}人民政府办公室　承办：{site}大数据中心</p><p>网站标识码：3700000001　备案号：示ICP备00000001号</p></div>\n"
    ));
}

/// A table with fixed column widths; `nbsp` writes blank cells as `&nbsp;`, as CMS
/// editors leave them.
fn table(out: &mut String, g: &Grid, nbsp: bool) {
    const WIDTH: u32 = 640;
    out.push_str(&format!(
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\" width=\"{WIDTH}\" style=\"border-collapse:collapse;table-layout:fixed\">\n<colgroup>"
    ));
    for w in &g.widths {
        out.push_str(&format!("<col width=\"{}\">", w * WIDTH / 100));
    }
    out.push_str("</colgroup>\n<tbody>\n");
    for row in &g.rows {
        out.push_str("<tr>");
        for c in row {
            out.push_str("<td");
            if c.colspan > 1 {
                out.push_str(&format!(" colspan=\"{}\"", c.colspan));
            }
            if c.rowspan > 1 {
                out.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
            }
            out.push_str(" align=\"center\">");
            if c.text.is_empty() {
                if nbsp {
                    out.push_str("&nbsp;");
                }
            } else {
                let lines: Vec<String> = c.text.split('\n').map(escape).collect();
                out.push_str(&lines.join("<br>"));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
