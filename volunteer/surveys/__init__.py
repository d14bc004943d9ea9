"""Satisfaction that checks itself (群众满意指数): monthly call-back samples of closed orders
answered by the street's surveyors (第三方抽样), periodic reviews by residents (定期评议), the
index that weighs them with the real-time ratings, and the yearly assessment (述职评议)."""
