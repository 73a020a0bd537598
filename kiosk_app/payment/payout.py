"""Coins paid out of the change hoppers: each hopper's start and result journaled, and a payout
that a crash interrupted resolved from the hopper's own counter."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping

from drivers.coin_acceptor.errors import CoinMechError
from drivers.coin_acceptor.hopper import Hopper, dispense_outcome
from kiosk_app.payment.change import plan_payout
from kiosk_app.payment.journal import EntryKind, JournalEntry, PaymentState, PendingPayout

log = logging.getLogger(__name__)

#: Journals one entry of a payment and folds it into the payment's state.
Append = Callable[[PaymentState, EntryKind, int, dict[str, object]], JournalEntry]


class ChangePayout:
    """Pays amounts out of the hoppers (fewest coins), recording every coin in the journal."""

    def __init__(self, hoppers: Mapping[int, Hopper], append: Append) -> None:
        self.hoppers = dict(hoppers)
        self._append = append

    def stock(self, exclude: Iterable[int] = ()) -> dict[int, int]:
        """Coins in each hopper that answers (yen → count), leaving out ``exclude``."""
        skip = set(exclude)
        stock: dict[int, int] = {}
        for coin_yen, hopper in self.hoppers.items():
            if coin_yen in skip:
                continue
            try:
                stock[coin_yen] = hopper.coin_stock()
            except CoinMechError as exc:
                log.error("hopper %d yen unavailable: %s", coin_yen, exc)
        return stock

    def pay_out(self, state: PaymentState, amount: int) -> None:
        """Dispense up to ``amount`` yen, journaling each hopper's start and result."""
        failed: set[int] = set()
        target = state.change_yen + amount
        while state.change_yen < target:
            plan = plan_payout(target - state.change_yen, self.stock(exclude=failed))
            if not plan:
                return
            for coin_yen, count in sorted(plan.items(), reverse=True):
                if not self._dispense(state, self.hoppers[coin_yen], count):
                    failed.add(coin_yen)

    def _dispense(self, state: PaymentState, hopper: Hopper, count: int) -> bool:
        """One hopper's share; False if the hopper paid less than asked (empty or faulty)."""
        try:
            before = hopper.status()
        except CoinMechError as exc:
            log.error("hopper %d yen unavailable: %s", hopper.coin_yen, exc)
            return False
        started = self._append(
            state,
            EntryKind.PAYOUT_STARTED,
            hopper.coin_yen * count,
            {"coin_yen": hopper.coin_yen, "count": count, "counter": before.event_counter},
        )
        if not started.seq:  # not in the journal: a payout it cannot show is never made
            log.error("payout of %d x %d yen not made: the journal fails", count, hopper.coin_yen)
            self._record_change(state, started.seq, hopper.coin_yen, 0, count)
            return False
        try:
            result = hopper.dispense(count, before)
        except CoinMechError as exc:
            log.error("payout of %d x %d yen unverified: %s", count, hopper.coin_yen, exc)
            self._record_change(state, started.seq, hopper.coin_yen, 0, count, unverified=True)
            return False
        self._record_change(state, started.seq, hopper.coin_yen, result.paid, result.unpaid)
        return result.unpaid == 0

    def resolve_pending(self, state: PaymentState, pending: PendingPayout) -> None:
        """After a crash during a payout: ask the hopper how it ended."""
        hopper = self.hoppers.get(pending.coin_yen)
        paid: int | None = None
        if hopper is not None:
            try:
                result = dispense_outcome(pending.hopper_counter, pending.count, hopper.status())
                if result is None:
                    result = hopper.wait_for_payout(pending.hopper_counter, pending.count)
                paid = result.paid
            except CoinMechError as exc:
                log.error("interrupted payout cannot be verified: %s", exc)
        unpaid = pending.count - (paid or 0)
        self._record_change(
            state, pending.seq, pending.coin_yen, paid or 0, unpaid, unverified=paid is None
        )

    def _record_change(
        self,
        state: PaymentState,
        started: int,
        coin_yen: int,
        paid: int,
        unpaid: int,
        *,
        unverified: bool = False,
    ) -> None:
        detail: dict[str, object] = {
            "coin_yen": coin_yen,
            "count": paid,
            "unpaid": unpaid,
            "started": started,
        }
        if unverified:
            detail["unverified"] = True
        self._append(state, EntryKind.CHANGE, coin_yen * paid, detail)
