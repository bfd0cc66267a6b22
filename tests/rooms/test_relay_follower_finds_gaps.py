"""A socket tells a lost relayed update from one that only arrived out of order:
each update carries its number among its sender's relays."""

from rooms.relay import GAP_SECONDS, RelayFollower


def test_numbers_in_order_leave_no_gap():
    follower = RelayFollower(last=10)
    follower.arrived(seq=11, now=0.0)
    follower.arrived(seq=12, now=0.1)

    assert follower.last == 12 and follower.gap_since() is None


def test_numbers_that_cross_on_the_way_close_their_gap():
    follower = RelayFollower(last=10)
    follower.arrived(seq=12, now=0.0)
    assert follower.gap_since() == 0.0

    follower.arrived(seq=11, now=0.2)

    assert follower.last == 12 and follower.gap_since() is None


def test_a_number_that_never_comes_leaves_the_gap_open_until_skipped():
    follower = RelayFollower(last=10)
    follower.arrived(seq=12, now=0.0)
    follower.arrived(seq=13, now=0.5)

    assert follower.gap_since() == 0.0 < GAP_SECONDS
    follower.skip()
    assert follower.last == 13 and follower.gap_since() is None


def test_a_sync_answer_covers_what_waited():
    follower = RelayFollower(last=10)
    follower.arrived(seq=12, now=0.0)
    follower.arrived(seq=14, now=0.0)

    follower.skip()

    assert follower.last == 14 and follower.gap_since() is None


def test_numbers_already_had_change_nothing():
    follower = RelayFollower(last=20)
    follower.arrived(seq=15, now=0.0)

    assert follower.last == 20 and follower.gap_since() is None
