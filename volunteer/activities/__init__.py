"""Community activities (党员公益日, 在职党员参与社区活动): posting, sign-up within the capacity,
check-in and check-out with a rotating code shown as a QR (or by roll call), and the hours
each attendee earns when the activity is closed."""
