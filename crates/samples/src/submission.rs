//! The EDGAR full-submission wrapper of 2002: PEM envelope, SGML header, one `<DOCUMENT>`.

use std::fmt::Write;

/// SEC's public key as it appears in every PEM-wrapped submission of the period.
const SEC_KEY: [&str; 2] = [
    "MFgwCgYEVQgBAQICAf8DSgAwRwJAW2sNKK9AVtBzYZmr6aGjlWyK3XmZv3dTINen",
    "TWSM7vrzLADbmYQaionwg5sDW3P6oaM5D3tdezXMm7z1T+B+twIDAQAB",
];

/// A per-filing signature is not something we can know or make; this base64 says so
/// ("SYNTHETIC TEST DATA: NOT A SIGNATURE.").
pub(crate) const SYNTHETIC_SIGNATURE: [&str; 1] =
    ["U1lOVEhFVElDIFRFU1QgREFUQTogTk9UIEEgU0lHTkFUVVJFLg=="];

/// Every field of the SGML header a 2002 8-K carried.
#[derive(Debug, Clone)]
pub(crate) struct Header<'a> {
    pub accession: &'a str,
    pub form: &'a str,
    /// `YYYYMMDD`.
    pub period: &'a str,
    pub filed: &'a str,
    pub acceptance: &'a str,
    pub company: &'a str,
    pub cik: u64,
    pub irs_number: &'a str,
    pub file_number: &'a str,
    pub film_number: &'a str,
    pub street: &'a str,
    pub city: &'a str,
    pub state: &'a str,
    pub zip: &'a str,
    pub phone: &'a str,
    pub file_name: &'a str,
    pub description: &'a str,
    pub signature: &'a [&'a str],
}

/// The whole `.txt` submission around one document text (which is kept byte for byte).
pub(crate) fn wrap(h: &Header<'_>, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2_000);
    // Writing into a String cannot fail; the results are ignored deliberately.
    let _ = writeln!(out, "-----BEGIN PRIVACY-ENHANCED MESSAGE-----");
    let _ = writeln!(out, "Proc-Type: 2001,MIC-CLEAR");
    let _ = writeln!(out, "Originator-Name: webmaster@www.sec.gov");
    let _ = writeln!(out, "Originator-Key-Asymmetric:");
    for line in SEC_KEY {
        let _ = writeln!(out, " {line}");
    }
    let _ = writeln!(out, "MIC-Info: RSA-MD5,RSA,");
    for line in h.signature {
        let _ = writeln!(out, " {line}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "<SEC-DOCUMENT>{}.txt : {}", h.accession, h.filed);
    let _ = writeln!(out, "<SEC-HEADER>{}.hdr.sgml : {}", h.accession, h.filed);
    let _ = writeln!(out, "<ACCEPTANCE-DATETIME>{}", h.acceptance);
    let _ = writeln!(out, "ACCESSION NUMBER:\t\t{}", h.accession);
    let _ = writeln!(out, "CONFORMED SUBMISSION TYPE:\t{}", h.form);
    let _ = writeln!(out, "PUBLIC DOCUMENT COUNT:\t\t1");
    let _ = writeln!(out, "CONFORMED PERIOD OF REPORT:\t{}", h.period);
    let _ = writeln!(out, "ITEM INFORMATION:\t\tOther events");
    let _ = writeln!(out, "FILED AS OF DATE:\t\t{}", h.filed);
    let _ = writeln!(out);
    let _ = writeln!(out, "FILER:\t");
    let _ = writeln!(out);
    let _ = writeln!(out, "\tCOMPANY DATA:\t");
    let _ = writeln!(out, "\t\tCOMPANY CONFORMED NAME:\t\t\t{}", h.company);
    let _ = writeln!(out, "\t\tCENTRAL INDEX KEY:\t\t\t{:010}", h.cik);
    let _ = writeln!(
        out,
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tASSET-BACKED SECURITIES [6189]"
    );
    let _ = writeln!(
        out,
        "\t\tIRS NUMBER:\t\t\t\t{}",
        h.irs_number.replace('-', "")
    );
    let _ = writeln!(out, "\t\tSTATE OF INCORPORATION:\t\t\tDE");
    let _ = writeln!(out);
    let _ = writeln!(out, "\tFILING VALUES:");
    let _ = writeln!(out, "\t\tFORM TYPE:\t\t{}", h.form);
    let _ = writeln!(out, "\t\tSEC ACT:\t\t1934 Act");
    let _ = writeln!(out, "\t\tSEC FILE NUMBER:\t{}", h.file_number);
    let _ = writeln!(out, "\t\tFILM NUMBER:\t\t{}", h.film_number);
    for block in ["BUSINESS ADDRESS", "MAIL ADDRESS"] {
        let _ = writeln!(out);
        let _ = writeln!(out, "\t{block}:\t");
        let _ = writeln!(out, "\t\tSTREET 1:\t\t{}", h.street);
        let _ = writeln!(out, "\t\tCITY:\t\t\t{}", h.city);
        let _ = writeln!(out, "\t\tSTATE:\t\t\t{}", h.state);
        let _ = writeln!(out, "\t\tZIP:\t\t\t{}", h.zip);
        if block == "BUSINESS ADDRESS" {
            let _ = writeln!(out, "\t\tBUSINESS PHONE:\t\t{}", h.phone);
        }
    }
    let _ = writeln!(out, "</SEC-HEADER>");
    let _ = writeln!(out, "<DOCUMENT>");
    let _ = writeln!(out, "<TYPE>{}", h.form);
    let _ = writeln!(out, "<SEQUENCE>1");
    let _ = writeln!(out, "<FILENAME>{}", h.file_name);
    let _ = writeln!(out, "<DESCRIPTION>{}", h.description);
    let _ = writeln!(out, "<TEXT>");
    out.push_str(text);
    let _ = writeln!(out, "\n</TEXT>");
    let _ = writeln!(out, "</DOCUMENT>");
    let _ = writeln!(out, "</SEC-DOCUMENT>");
    let _ = writeln!(out, "-----END PRIVACY-ENHANCED MESSAGE-----");
    out
}
