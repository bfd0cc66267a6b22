"""A socket tells a lost relayed update from one that only arrived out of order:
each update carries its number in the pad's log, given under the pad's lock."""

from rooms.relay import GAP_SECONDS, LogFollower


def test_numbers_in_order_leave_no_gap():
    follower = LogFollower(last=10)
    follower.arrived(seq=11, now=0.0)
    follower.arrived(seq=12, now=0.1)

    assert follower.last == 12 and follower.gap_since() is None


def test_numbers_that_cross_on_the_way_close_their_gap():
    follower = LogFollower(last=10)
    follower.arrived(seq=12, now=0.0)
    assert follower.gap_since() == 0.0

    follower.arrived(seq=11, now=0.2)

    assert follower.last == 12 and follower.gap_since() is None


def test_a_number_that_never_comes_leaves_the_gap_open_until_skipped():
    follower = LogFollower(last=10)
    follower.arrived(seq=12, now=0.0)
    follower.arrived(seq=13, now=0.5)

    assert follower.gap_since() == 0.0 < GAP_SECONDS
    follower.skip()
    assert follower.last == 13 and follower.gap_since() is None


def test_a_sync_answer_covers_what_waited():
    follower = LogFollower(last=10)
    follower.arrived(seq=12, now=0.0)
    follower.arrived(seq=14, now=0.0)

    follower.caught_up(13)

    assert follower.last == 14 and follower.gap_since() is None


def test_numbers_already_had_change_nothing():
    follower = LogFollower(last=20)
    follower.arrived(seq=15, now=0.0)

    assert follower.last == 20 and follower.gap_since() is None
