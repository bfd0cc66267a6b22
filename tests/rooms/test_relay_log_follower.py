"""A socket tells a lost relayed update from one that only arrived out of order:
each stored row names the row before it in the pad's log."""

from rooms.relay import GAP_SECONDS, LogFollower


def test_rows_in_order_leave_no_gap():
    follower = LogFollower(last=10)
    follower.arrived(row=14, follows=10, now=0.0)
    follower.arrived(row=15, follows=14, now=0.1)

    assert follower.last == 15 and follower.gap_since() is None


def test_rows_that_cross_on_the_way_close_their_gap():
    follower = LogFollower(last=10)
    follower.arrived(row=15, follows=14, now=0.0)
    assert follower.gap_since() == 0.0

    follower.arrived(row=14, follows=10, now=0.2)

    assert follower.last == 15 and follower.gap_since() is None


def test_a_row_that_never_comes_leaves_the_gap_open_until_skipped():
    follower = LogFollower(last=10)
    follower.arrived(row=15, follows=14, now=0.0)
    follower.arrived(row=16, follows=15, now=0.5)

    assert follower.gap_since() == 0.0 < GAP_SECONDS
    follower.skip()
    assert follower.last == 16 and follower.gap_since() is None


def test_a_sync_answer_covers_what_waited():
    follower = LogFollower(last=10)
    follower.arrived(row=15, follows=14, now=0.0)
    follower.arrived(row=17, follows=16, now=0.0)

    follower.caught_up(16)

    assert follower.last == 17 and follower.gap_since() is None


def test_rows_already_had_change_nothing():
    follower = LogFollower(last=20)
    follower.arrived(row=15, follows=14, now=0.0)

    assert follower.last == 20 and follower.gap_since() is None
