"""Translated texts for values the flows produce: certificate names, notices, reasons, options."""

from __future__ import annotations

from PySide6.QtCore import QObject

from issuance_contract.certificates import CertificateType
from kiosk_app.session.steps import Notice, NoticeKind


class Texts(QObject):
    """Looks up the screen text of a flow value in the current language."""

    def certificate(self, certificate_type: CertificateType) -> str:
        """The certificate's name."""
        names = {
            CertificateType.JUMINHYO: self.tr("Certificate of residence (住民票の写し)"),
            CertificateType.INKAN: self.tr("Seal registration certificate (印鑑登録証明書)"),
            CertificateType.KOSEKI_ZENBU: self.tr("Family register, all (戸籍全部事項証明書)"),
            CertificateType.KOSEKI_KOJIN: self.tr(
                "Family register, one person (戸籍個人事項証明書)"
            ),
            CertificateType.FUHYO: self.tr("Koseki address record (戸籍の附票の写し)"),
        }
        return names[certificate_type]

    def reason(self, code: str | None) -> str:
        """Why this person may not get a certificate now, and what to do."""
        reasons = {
            "under_15": self.tr("Available from age 15. Please ask at the city office."),
            "moved_out": self.tr("A move-out has been filed. Please ask at the city office."),
            "dv_protected": self.tr("Not available at the kiosk. Please ask at the city office."),
            "deceased": self.tr("Not available at the kiosk. Please ask at the city office."),
            "seal_abolished": self.tr("Your seal registration has ended (廃止)."),
            "no_seal": self.tr("No seal is registered (印鑑登録がありません)."),
            "honseki_elsewhere": self.tr(
                "Your 本籍 is in another municipality, so this kiosk cannot issue it. Please ask "
                "that municipality (by post or at its window) or the city office window."
            ),
            "honseki_elsewhere_unregistered": self.tr(
                "Your 本籍 is elsewhere: register to use first (利用登録申請)."
            ),
            "outside_hours": self.tr("Outside service hours for this certificate."),
            "closed_day": self.tr("The service is closed today."),
            "revoked_certificate": self.tr(
                "Your card's certificate is revoked. Please ask at the city office."
            ),
            "expired_certificate": self.tr(
                "Your card's certificate has expired. Please renew it at the city office."
            ),
            "fee_mismatch": self.tr("The fee could not be confirmed. Nothing was charged."),
            "registration_not_needed": self.tr(
                "You live in this city: no registration is needed to get koseki certificates."
            ),
            "registration_mismatch": self.tr(
                "The entries do not match your card. Please check the date of birth, "
                "the card's expiry date and security code."
            ),
            "duplicate_registration": self.tr("You have already applied. Check its status."),
            "unknown_card": self.tr("This card is not known to the city. Please ask the city."),
            "municipality_unavailable": self.tr(
                "This municipality's service is not available now. Nothing was charged."
            ),
            "card_not_in_directory": self.tr(
                "Your municipality does not offer certificates at stores. Nothing was charged."
            ),
            "not_offered": self.tr("This municipality does not offer this service at stores."),
        }
        return reasons.get(code or "", self.tr("Not available at the kiosk now."))

    def notice(self, notice: Notice) -> str:
        """What happened and what to do."""
        kind = notice.kind
        texts = {
            NoticeKind.CANCELLED: self.tr("Cancelled. Nothing was charged."),
            NoticeKind.TIMED_OUT: self.tr("The session ended because no one was using it."),
            NoticeKind.CARD_REMOVED: self.tr("The card was removed too early. Please start again."),
            NoticeKind.NOT_MY_NUMBER_CARD: self.tr(
                "This card cannot be read. Please use your My Number Card."
            ),
            NoticeKind.CARD_ERROR: self.tr("The card could not be read. Please try again."),
            NoticeKind.WRONG_PIN: self.tr("The PIN is wrong."),
            NoticeKind.PIN_LOCKED: self.tr(
                "The PIN is locked. Please have it reset at the city office window."
            ),
            NoticeKind.NOT_ELIGIBLE: self.reason(notice.reason_code),
            NoticeKind.SERVER_UNREACHABLE: self.tr(
                "The city's server cannot be reached. Please try again later."
            ),
            NoticeKind.REFUSED: self.reason(notice.reason_code),
            NoticeKind.PAPER_OUT: self.tr(
                "The printer ran out of paper. The fee for what was not printed is given back."
            ),
            NoticeKind.PRINTER_FAULT: self.tr(
                "The printer failed. The fee for what was not printed is given back."
            ),
            NoticeKind.PAYMENT_FAULT: self.tr(
                "The coin machine failed. Please take the refund slip to the city office."
            ),
            NoticeKind.NOT_FOUND: self.tr("No application with this number was found."),
        }
        text = texts[kind]
        if notice.before_payment:  # refused before any money was taken
            text = {
                NoticeKind.PAPER_OUT: self.tr(
                    "The printer is out of paper, so certificates cannot be issued now. "
                    "Nothing was charged. Please use the city office window."
                ),
                NoticeKind.PRINTER_FAULT: self.tr(
                    "The printer is not working, so certificates cannot be issued now. "
                    "Nothing was charged. Please use the city office window."
                ),
                NoticeKind.PAYMENT_FAULT: self.tr(
                    "Payments cannot be taken now, so certificates cannot be issued. "
                    "Nothing was charged. Please use the city office window."
                ),
            }.get(kind, text)
        if notice.copies_ordered and not notice.before_payment:
            text = self._delivery_cut_short(notice)
        if notice.returned_yen:
            text += "\n" + self.tr("{yen} yen was returned: please take the coins.").format(
                yen=notice.returned_yen
            )
        if notice.refund_yen:
            text += "\n" + self.tr(
                "Refund owed: {yen} yen. Please take the refund slip to the city office."
            ).format(yen=notice.refund_yen)
        if notice.take_card:
            text += "\n" + self.tr("Please take your card.")
        return text

    def _delivery_cut_short(self, notice: Notice) -> str:
        """Why printing stopped, the copies that came out of those ordered, the fee kept for
        them and the fee given back (the figures of the journal, carried by the notice)."""
        if notice.kind is NoticeKind.PAPER_OUT:
            text = self.tr("The printer ran out of paper.")
        else:
            text = self.tr("The printer failed.")
        if notice.copies_out:
            return (
                text
                + "\n"
                + self.tr(
                    "{out} of {ordered} copies were printed. The fee of {out} copies, {kept} yen, "
                    "is kept; {back} yen is given back."
                ).format(
                    out=notice.copies_out,
                    ordered=notice.copies_ordered,
                    kept=f"{notice.fee_kept_yen:,}",
                    back=f"{notice.fee_returned_yen:,}",
                )
            )
        return (
            text
            + "\n"
            + self.tr(
                "No copy was printed ({ordered} ordered). The whole fee, {back} yen, is given back."
            ).format(ordered=notice.copies_ordered, back=f"{notice.fee_returned_yen:,}")
        )

    def option(self, key: str, value: str | bool) -> str:
        """An option's choice as a button text."""
        names: dict[tuple[str, str | bool], str] = {
            ("scope", "household"): self.tr("Whole household"),
            ("scope", "selected"): self.tr("Selected persons"),
            ("scope", "all"): self.tr("Everyone on the record"),
            ("honseki", True): self.tr("With 本籍・筆頭者"),
            ("honseki", False): self.tr("Without 本籍・筆頭者"),
            ("head_relation", True): self.tr("With head of household"),
            ("head_relation", False): self.tr("Without head of household"),
            ("individual_number", True): self.tr("With My Number"),
            ("individual_number", False): self.tr("Without My Number"),
            ("resident_code", True): self.tr("With resident code"),
            ("resident_code", False): self.tr("Without resident code"),
        }
        return names.get((key, value), str(value))

    def status(self, code: str) -> str:
        """A registration status."""
        statuses = {
            "pending": self.tr("Received: being checked (1–3 business days)."),
            "approved": self.tr("Approved: you can now get koseki certificates."),
            "rejected": self.tr("Not approved: the city will call you."),
            "not_found": self.tr("No application with this number was found."),
        }
        return statuses.get(code, code)

    def yen(self, amount: int) -> str:
        """An amount of money."""
        return self.tr("{yen} yen").format(yen=f"{amount:,}")
