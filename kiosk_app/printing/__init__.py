"""The print composer: certificate pages made into duplex A4 sheets, anti-forgery on both sides."""
