//! The real fixture: Impac CMB Trust 2002-1's statement for the November 25, 2002
//! distribution, bare and wrapped as the EDGAR full submission it was filed in.
//!
//! The document text is the public filing, byte for byte. Some header values are
//! reconstructed (see `data/sample/README.md`); the test below pins exactly which.

/// Accession number of the fixture's filing.
pub const FIXTURE_ACCESSION: &str = "0001020242-02-000466";
/// CIK of IMH ASSETS CORP, the depositor that filed for Impac CMB Trust 2002-1 and 2002-2.
pub const FIXTURE_CIK: u64 = 1_017_447;

const SUBMISSION: &str = include_str!("../../../data/sample/0001020242-02-000466.txt");
const DOCUMENT: &str = include_str!("../../../data/fixtures/im020111.txt");

/// The fixture as a full 2002 EDGAR submission (`data/sample/0001020242-02-000466.txt`).
pub fn fixture_submission() -> &'static str {
    SUBMISSION
}

/// The bare 8-K document text (`data/fixtures/im020111.txt`), as EDGAR wrapped it.
pub fn fixture_document() -> &'static str {
    DOCUMENT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submission::{wrap, Header};

    /// The header the sample file was written with; values marked *reconstructed* are not known
    /// from the filing itself.
    fn fixture_header() -> Header<'static> {
        Header {
            accession: FIXTURE_ACCESSION,
            form: "8-K",
            period: "20021125",
            filed: "20021213",            // reconstructed: filing date unconfirmed
            acceptance: "20021212180000", // reconstructed
            company: "IMH ASSETS CORP",
            cik: FIXTURE_CIK,
            irs_number: "33-0705301",
            file_number: "333-06637",
            film_number: "02000000", // reconstructed placeholder
            street: "1401 DOVE STREET",
            city: "NEWPORT BEACH",
            state: "CA",
            zip: "92660",
            phone: "9494753600",
            file_name: "im020111.txt",
            description: "IMH ASSETS CORP SERIES 2002-1 8-K", // reconstructed
            signature: &[
                // reconstructed: base64 of "RECONSTRUCTED: NOT THE SIGNATURE SEC PUBLISHED FOR THIS FILING."
                "UkVDT05TVFJVQ1RFRDogTk9UIFRIRSBTSUdOQVRVUkUgU0VDIFBVQkxJU0hFRCBG",
                "T1IgVEhJUyBGSUxJTkcu",
            ],
        }
    }

    fn header_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
        text.lines()
            .find_map(|line| line.trim_start_matches('\t').strip_prefix(key))
            .map(|rest| rest.trim_start_matches(':').trim())
    }

    #[test]
    fn submission_header_fields() {
        let s = fixture_submission();
        assert!(
            s.starts_with("-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\n")
        );
        assert!(s.contains("\n<SEC-DOCUMENT>0001020242-02-000466.txt : 20021213\n"));
        assert!(s.contains("\n<SEC-HEADER>0001020242-02-000466.hdr.sgml : 20021213\n"));
        assert_eq!(
            header_value(s, "ACCESSION NUMBER"),
            Some("0001020242-02-000466")
        );
        assert_eq!(header_value(s, "CONFORMED SUBMISSION TYPE"), Some("8-K"));
        assert_eq!(header_value(s, "PUBLIC DOCUMENT COUNT"), Some("1"));
        assert_eq!(
            header_value(s, "CONFORMED PERIOD OF REPORT"),
            Some("20021125")
        );
        assert_eq!(header_value(s, "FILED AS OF DATE"), Some("20021213"));
        assert_eq!(
            header_value(s, "COMPANY CONFORMED NAME"),
            Some("IMH ASSETS CORP")
        );
        assert_eq!(header_value(s, "CENTRAL INDEX KEY"), Some("0001017447"));
        assert_eq!(
            header_value(s, "STANDARD INDUSTRIAL CLASSIFICATION"),
            Some("ASSET-BACKED SECURITIES [6189]")
        );
        assert_eq!(header_value(s, "SEC FILE NUMBER"), Some("333-06637"));
        assert_eq!(header_value(s, "SEC ACT"), Some("1934 Act"));
        assert_eq!(header_value(s, "<FILENAME>"), Some("im020111.txt"));
        assert!(s.ends_with("</SEC-DOCUMENT>\n-----END PRIVACY-ENHANCED MESSAGE-----\n"));
    }

    #[test]
    fn document_is_kept_byte_for_byte() {
        let s = fixture_submission();
        let start = s.find("<TEXT>\n").map(|i| i + "<TEXT>\n".len());
        let end = s.rfind("\n</TEXT>");
        let (Some(start), Some(end)) = (start, end) else {
            panic!("no <TEXT> block");
        };
        assert_eq!(&s[start..end], fixture_document());
        assert_eq!(fixture_document().lines().count(), 1199);
        assert!(fixture_document().contains(">4NCG0            470000000    895.6726927"));
    }

    #[test]
    fn sample_file_is_what_the_wrapper_writes() {
        assert_eq!(
            wrap(&fixture_header(), fixture_document()),
            fixture_submission()
        );
    }
}
