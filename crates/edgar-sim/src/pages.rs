//! EDGAR's HTML: error pages and a filing's `-index.htm` / `-index-headers.html`.

use std::fmt::Write as _;

use crate::submission::Submission;

/// The page SEC shows a client over the request-rate threshold.
pub(crate) const THRESHOLD_TITLE: &str = "SEC.gov | Request Rate Threshold Exceeded";
/// The page SEC shows a client without a declared User-Agent.
pub(crate) const UNDECLARED_TITLE: &str =
    "SEC.gov | Your Request Originates from an Undeclared Automated Tool";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
}

pub(crate) fn threshold() -> String {
    page(
        THRESHOLD_TITLE,
        "<h1>Your Request Originates from an Undeclared Automated Tool</h1>\n\
         <p>Request Rate Threshold Exceeded</p>\n\
         <p>To allow for equitable access to all users, SEC reserves the right to limit requests \
         originating from undeclared automated tools. Your request has been identified as part of a \
         network of automated tools outside of the acceptable policy and will be managed until action \
         is taken to declare your traffic.</p>\n\
         <p>Please declare your traffic by updating your user agent to include company specific \
         information.</p>\n\
         <p>Access will be limited for 10 minutes. Once the rate of requests has dropped below the \
         threshold for 10 minutes, the access will be restored.</p>",
    )
}

pub(crate) fn undeclared() -> String {
    page(
        UNDECLARED_TITLE,
        "<h1>Your Request Originates from an Undeclared Automated Tool</h1>\n\
         <p>To allow for equitable access to all users, SEC reserves the right to limit requests \
         originating from undeclared automated tools. Your request has been identified as part of a \
         network of automated tools outside of the acceptable policy and will be managed until action \
         is taken to declare your traffic.</p>\n\
         <p>Please declare your traffic by updating your user agent to include company specific \
         information, for example: Sample Company Name AdminContact@samplecompany.com</p>",
    )
}

pub(crate) fn not_found() -> String {
    page(
        "SEC.gov | File Not Found",
        "<h1>The page you requested could not be found.</h1>",
    )
}

pub(crate) fn server_error(status: u16) -> String {
    page(
        "SEC.gov | Service Error",
        &format!("<h1>{status} {}</h1>", crate::reply::reason(status)),
    )
}

pub(crate) fn bad_request() -> String {
    page("Bad Request", "<h1>Bad Request</h1>")
}

pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// `{accession}-index.htm` as listed under `cik`: the documents table EDGAR users scrape.
pub(crate) fn filing_index(submission: &Submission, cik: u64) -> String {
    let folder = format!("/Archives/edgar/data/{cik}/{}", submission.folder());
    let accession = &submission.accession;
    let mut body = String::new();
    let _ = write!(
        body,
        "<div id=\"formDiv\">\n<div id=\"formHeader\">\n<div id=\"formName\"><strong>Form {form}</strong></div>\n\
         <div id=\"secNum\"><strong>SEC Accession No.</strong> {accession}</div>\n</div>\n\
         <div class=\"formContent\">\n<div class=\"formGrouping\">\n\
         <div class=\"infoHead\">Filing Date</div>\n<div class=\"info\">{filed}</div>\n",
        form = escape(&submission.form),
        filed = submission.filed.format("%Y-%m-%d"),
    );
    if let Some(at) = submission.acceptance {
        let _ = write!(
            body,
            "<div class=\"infoHead\">Accepted</div>\n<div class=\"info\">{}</div>\n",
            at.format("%Y-%m-%d %H:%M:%S")
        );
    }
    let _ = write!(
        body,
        "<div class=\"infoHead\">Documents</div>\n<div class=\"info\">{}</div>\n</div>\n",
        submission.documents.len()
    );
    if let Some(period) = submission.period {
        let _ = write!(
            body,
            "<div class=\"formGrouping\">\n<div class=\"infoHead\">Period of Report</div>\n<div class=\"info\">{}</div>\n</div>\n",
            period.format("%Y-%m-%d")
        );
    }
    body.push_str(
        "</div>\n</div>\n<div id=\"formDiv\">\n<p>Document Format Files</p>\n\
         <table class=\"tableFile\" summary=\"Document Format Files\">\n\
         <tr><th scope=\"col\"><acronym title=\"Sequence Number\">Seq</acronym></th><th scope=\"col\">Description</th>\
         <th scope=\"col\">Document</th><th scope=\"col\">Type</th><th scope=\"col\">Size</th></tr>\n",
    );
    for document in &submission.documents {
        let _ = writeln!(
            body,
            "<tr><td scope=\"row\">{seq}</td><td scope=\"row\">{desc}</td>\
             <td scope=\"row\"><a href=\"{folder}/{file}\">{file}</a></td>\
             <td scope=\"row\">{doc_type}</td><td scope=\"row\">{size}</td></tr>",
            seq = escape(&document.sequence),
            desc = escape(&document.description),
            file = escape(&document.filename),
            doc_type = escape(&document.doc_type),
            size = document.body.len(),
        );
    }
    let _ = writeln!(
        body,
        "<tr class=\"blueRow\"><td scope=\"row\">&nbsp;</td><td scope=\"row\">Complete submission text file</td>\
         <td scope=\"row\"><a href=\"{folder}/{accession}.txt\">{accession}.txt</a></td>\
         <td scope=\"row\">&nbsp;</td><td scope=\"row\">{size}</td></tr>\n</table>\n</div>",
        size = submission.raw.len(),
    );
    body.push_str("<div id=\"filerDiv\">\n");
    for filer in submission.filers() {
        let _ = writeln!(
            body,
            "<div class=\"companyInfo\"><span class=\"companyName\">{name} (Filer) \
             <acronym title=\"Central Index Key\">CIK</acronym>: {cik:010}</span></div>",
            name = escape(&filer.name),
            cik = filer.cik,
        );
    }
    body.push_str("</div>");
    page(&format!("EDGAR Filing Documents for {accession}"), &body)
}

/// `{accession}-index-headers.html`: the SGML header, escaped, inside `<pre>`.
pub(crate) fn filing_headers(submission: &Submission) -> String {
    page(
        &format!("{}.hdr.sgml", submission.accession),
        &format!("<pre>\n{}\n</pre>", escape(&submission.header)),
    )
}
