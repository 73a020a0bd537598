"""Coin payment (Qt-free): the payment controller, change planning and the money journal."""
